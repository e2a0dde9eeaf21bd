package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.store.AuditQuery;
import dev.parasol.store.EntryQuery;
import dev.parasol.store.Store;
import dev.parasol.support.ParasolProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
 * kill -9 at random moments (seeded, so a failure can be replayed) of imports and of a receiver
 * taking events. After every kill the store opens, an import is in the list and the audit log
 * whole or not at all, a rerun converges, and no event the receiver acknowledged (202) is lost.
 *
 * <p>A few trials run in every build; {@code mvn verify -Ptrials} runs 20 of each
 * (docs/reliability.md has the results).
 */
class CrashTrialsIT {
    static final int TRIALS = Integer.getInteger("parasol.crashTrials", 3);
    static final int NAMES = Integer.getInteger("parasol.crashNames", 100_000);
    static final long SEED = Long.getLong("parasol.crashSeed", 2026L);

    @TempDir
    Path home;
    private final Random random = new Random(SEED);

    private Path feed(String prefix, int n) throws IOException {
        Path f = home.resolve(prefix + ".txt");
        Files.writeString(f, IntStream.range(0, n).mapToObj(i -> prefix + "-" + i + ".crash-trial.xyz").collect(Collectors.joining("\n")));
        return f;
    }

    private static long entries(Path store) {
        try (Store s = Store.openEmbedded(store)) {
            return s.read(tx -> tx.lists().countEntries(
                    tx.integrations().findByName("threatq").orElseThrow().listId().orElseThrow(), EntryQuery.all()));
        }
    }

    private static boolean auditedImportOf(Path store, Path feed) {
        try (Store s = Store.openEmbedded(store)) {
            AuditQuery q = new AuditQuery(Optional.empty(), Optional.of("update"), Optional.of("destination-list"), Optional.empty(),
                    Optional.empty(), Optional.empty(), 10_000, 0);
            return s.read(tx -> tx.audit().search(q)).stream()
                    .anyMatch(r -> r.after().orElse("").contains(feed.getFileName().toString()));
        }
    }

    @Test
    void importsKilledAtRandomMomentsLandWholeOrNotAtAll() throws Exception {
        Path feed = feed("trial", NAMES);
        // One uninterrupted import gives the window the kills are spread over.
        ParasolProcess timing = new ParasolProcess(home.resolve("timing"));
        timing.run("enable-integration", "threatq").ok();
        long started = System.nanoTime();
        timing.run("import", "threatq", feed.toString(), "-q").ok();
        int window = (int) Math.max(500, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        int landed = 0;
        for (int trial = 1; trial <= TRIALS; trial++) {
            // A store of its own per trial, so the list does not grow by a feed a trial.
            Path store = home.resolve("trial-" + trial);
            ParasolProcess parasol = new ParasolProcess(store);
            parasol.run("enable-integration", "threatq").ok();
            int delay = random.nextInt(window);
            Process p = parasol.start(null, "import", "threatq", feed.toString(), "-q");
            if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
            }
            long count = entries(store);
            assertTrue(count == 0 || count == NAMES,
                    "trial " + trial + " (kill after " + delay + " ms, seed " + SEED + "): the list holds " + count);
            boolean whole = count == NAMES;
            assertEquals(whole, auditedImportOf(store, feed), "trial " + trial + ": the audit log agrees with the list");
            landed += whole ? 1 : 0;
            parasol.run("import", "threatq", feed.toString(), "-q").ok();
            assertEquals(NAMES, entries(store), "trial " + trial + ": rerunning converges");
            deleteTree(store);
        }
        System.out.printf("crash trials: %d imports of %,d names killed within %d ms, %d had landed, all consistent%n",
                TRIALS, NAMES, window, landed);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final String EVENT = "{\"alertTime\":\"2026-11-23T09:30:26Z\",\"deviceId\":\"d\",\"deviceVersion\":\"1\","
            + "\"dstDomain\":\"%s\",\"dstUrl\":\"http://%s/gate\",\"eventTime\":\"2026-11-23T09:30:26Z\","
            + "\"protocolVersion\":\"1.0a\",\"providerName\":\"Security Platform\"}";

    @Test
    void aReceiverKilledAtRandomMomentsLosesNoAcknowledgedEvent() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        String url = parasol.run("enable-integration", "threatq").ok().out().strip();
        String key = url.substring(url.indexOf("customerKey=") + "customerKey=".length());
        OkHttpClient http = new OkHttpClient();
        long acknowledgedTotal = 0;
        for (int trial = 1; trial <= TRIALS; trial++) {
            Process serve = parasol.start(null, "serve", "--port", "0");
            int port = ParasolProcess.receiverPort(serve);
            String prefix = "t" + trial;
            // Requests of 100 events, one after another, until the receiver dies under them.
            CountDownLatch firstAcknowledged = new CountDownLatch(1);
            CompletableFuture<List<String>> posting = CompletableFuture.supplyAsync(() -> {
                List<String> acknowledged = new ArrayList<>();
                for (int request = 0; ; request++) {
                    List<String> names = new ArrayList<>();
                    StringBuilder body = new StringBuilder("[");
                    for (int i = 0; i < 100; i++) {
                        String name = prefix + "-" + request + "-" + i + ".crash-trial.xyz";
                        names.add(name);
                        body.append(i == 0 ? "" : ",").append(String.format(EVENT, name, name));
                    }
                    body.append(']');
                    try (Response r = http.newCall(new Request.Builder()
                            .url("http://127.0.0.1:" + port + "/1.0/events?customerKey=" + key)
                            .post(RequestBody.create(body.toString(), MediaType.get("application/json"))).build()).execute()) {
                        if (r.code() != 202) {
                            return acknowledged;
                        }
                        acknowledged.addAll(names);
                        firstAcknowledged.countDown();
                    } catch (IOException e) {
                        return acknowledged;
                    }
                }
            });
            // The kill falls at a random moment once events flow (or, should none be taken, anyway).
            firstAcknowledged.await(30, TimeUnit.SECONDS);
            int delay = random.nextInt(1500);
            serve.waitFor(delay, TimeUnit.MILLISECONDS);
            serve.destroyForcibly().waitFor();
            List<String> acknowledged = posting.get(60, TimeUnit.SECONDS);
            try (Store store = Store.openEmbedded(home)) {
                long list = store.read(tx -> tx.integrations().findByName("threatq").orElseThrow().listId().orElseThrow());
                for (String name : acknowledged) {
                    assertTrue(store.read(tx -> tx.lists().findEntry(list, name)).isPresent(),
                            "trial " + trial + " (kill after " + delay + " ms, seed " + SEED + "): acknowledged " + name + " was lost");
                }
            }
            acknowledgedTotal += acknowledged.size();
        }
        System.out.printf("crash trials: %d receivers killed, %,d acknowledged events, none lost%n", TRIALS, acknowledgedTotal);
    }
}
