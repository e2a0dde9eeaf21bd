package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parasol.store.EntryQuery;
import dev.parasol.store.Store;
import dev.parasol.support.CommandResult;
import dev.parasol.support.ParasolProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four processes on one store at once, the way a site runs Parasol: a cron-style import loop, a
 * receiver taking events, an admin's shell changing lists and policies, and a shell reading
 * see-domains in a loop. Every write lands (exact counts), no process fails, nobody sees
 * "database in use". {@code parasol.concurrencyWrites} writes each (10,000 under -Ptrials).
 */
class ConcurrencyIT {
    static final int WRITES = Integer.getInteger("parasol.concurrencyWrites", 2_000);

    @TempDir
    Path home;

    private static String names(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i + ".concurrency-test.xyz").collect(Collectors.joining("\n"));
    }

    @Test
    void importsEventsShellChangesAndReadersShareOneStoreWithoutLosingAWrite() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        String url = parasol.run("enable-integration", "threatq").ok().out().strip();
        String key = url.substring(url.indexOf("customerKey=") + "customerKey=".length());
        parasol.run("destination-list", "create", "Shell Blocks", "--type", "block").ok();

        Process serve = parasol.start(null, "serve", "--port", "0");
        try {
            int port = ParasolProcess.receiverPort(serve);

            // 1. cron: ten imports of a tenth each, one process per import. The first also sends
            //    the last 1,500 names the TIP will send: enough new names to be stored as a run,
            //    which the receiver's requests then find (or, racing it, must not duplicate).
            CompletableFuture<Void> cron = CompletableFuture.runAsync(() -> {
                int step = WRITES / 10;
                for (int i = 0; i < 10; i++) {
                    try {
                        Path f = home.resolve("feed-" + i + ".txt");
                        String overlap = i == 0 ? "\n" + names("tip", Math.max(0, WRITES - 1_500), WRITES) : "";
                        Files.writeString(f, names("cron", i * step, (i + 1) * step) + overlap);
                        parasol.run("import", "threatq", f.toString(), "-q").ok();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            // 2. a TIP: requests of 100 events to the receiver.
            CompletableFuture<Void> tip = CompletableFuture.runAsync(() -> {
                OkHttpClient http = new OkHttpClient();
                for (int r = 0; r < WRITES / 100; r++) {
                    String body = IntStream.range(r * 100, r * 100 + 100)
                            .mapToObj(i -> "{\"alertTime\":\"2026-11-23T09:30:26Z\",\"deviceId\":\"d\",\"deviceVersion\":\"1\","
                                    + "\"dstDomain\":\"tip" + i + ".concurrency-test.xyz\",\"dstUrl\":\"http://tip" + i
                                    + ".concurrency-test.xyz/\",\"eventTime\":\"2026-11-23T09:30:26Z\",\"protocolVersion\":\"1.0a\","
                                    + "\"providerName\":\"Security Platform\"}")
                            .collect(Collectors.joining(",", "[", "]"));
                    try (Response resp = http.newCall(new Request.Builder()
                            .url("http://127.0.0.1:" + port + "/1.0/events?customerKey=" + key)
                            .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
                        assertEquals(202, resp.code(), "request " + r);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            // 3. an admin's shell: a block entry a line, and a policy change every 100 lines.
            CompletableFuture<CommandResult> admin = CompletableFuture.supplyAsync(() -> {
                StringBuilder script = new StringBuilder();
                for (int i = 0; i < WRITES; i++) {
                    script.append("block shell").append(i).append(".concurrency-test.xyz --list \"Shell Blocks\"\n");
                    if (i % 100 == 0) {
                        script.append("policy set Branch").append(i / 100).append(" --identity network:10.")
                                .append(i / 100 % 250).append(".0.0/16\n");
                    }
                }
                try {
                    return parasol.runWithInput(script.toString(), "shell");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // 4. a reader: see-domains again and again.
            CompletableFuture<CommandResult> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return parasol.runWithInput("see-domains threatq --limit 5 -o csv\n".repeat(WRITES / 10), "shell");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            CompletableFuture.allOf(cron, tip, admin, reader).get(20, TimeUnit.MINUTES);
            for (CommandResult shell : new CommandResult[] {admin.get().ok(), reader.get().ok()}) {
                assertFalse(shell.out().contains("parasol:"), "a command failed in the shell:\n" + firstError(shell.out()));
                assertFalse((shell.out() + shell.err()).toLowerCase().contains("in use"), shell.err());
            }
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }

        try (Store store = Store.openEmbedded(home)) {
            long threatq = store.read(tx -> tx.integrations().findByName("threatq").orElseThrow().listId().orElseThrow());
            long shellBlocks = store.read(tx -> tx.lists().findByName("Shell Blocks").orElseThrow().id());
            assertEquals(2L * WRITES, (long) store.read(tx -> tx.lists().countEntries(threatq, EntryQuery.all())),
                    "every imported and every received name");
            assertEquals((long) WRITES, (long) store.read(tx -> tx.lists().countEntries(shellBlocks, EntryQuery.all())),
                    "every block the shell added");
        }
        assertEquals(WRITES / 100, parasol.run("policy", "list", "-o", "csv").ok().out().lines()
                .filter(l -> l.contains("Branch")).count(), "every policy the shell set");
    }

    private static String firstError(String out) {
        return out.lines().filter(l -> l.contains("parasol:")).findFirst().orElse("");
    }
}
