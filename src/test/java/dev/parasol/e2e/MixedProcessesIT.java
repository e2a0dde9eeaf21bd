package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.store.EntryQuery;
import dev.parasol.store.Store;
import dev.parasol.support.CommandResult;
import dev.parasol.support.ParasolProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16: processes started together never fail each other. Before the handover lock,
 * three rounds of these commands gave 14 failures ("Lock file recently modified", "Locked by
 * another process", "Database is already closed") as one process closed the store while
 * another opened it.
 */
class MixedProcessesIT {
    /** The proof: 8 mixed commands started together, 20 rounds, with and without serve. */
    private static final int ROUNDS = 20;
    /** With a shell: the same commands, fewer rounds (the suite's time). */
    private static final int SHELL_ROUNDS = 5;
    private static final int NAMES = 2_000;

    @TempDir
    Path home;

    @Test
    void mixedCommandsStartedTogetherAllSucceedAndEveryNameLands() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        parasol.run("enable-integration", "threatq").ok();
        runRounds(parasol);
        assertEquals(ROUNDS * 3L * NAMES, threatqEntries());
    }

    @Test
    void theSameWhileServeOwnsTheStore() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        parasol.run("enable-integration", "threatq").ok();
        Process serve = parasol.start(null, "serve", "--port", "0");
        try {
            ParasolProcess.receiverPort(serve);
            runRounds(parasol);
        } finally {
            serve.destroy();
            serve.waitFor();
        }
        assertEquals(ROUNDS * 3L * NAMES, threatqEntries());
    }

    @Test
    void theSameWhileAShellHoldsTheStore() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        parasol.run("enable-integration", "threatq").ok();
        Process shell = parasol.startWithOpenInput("shell");
        try (Writer toShell = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8)) {
            BufferedReader fromShell = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
            toShell.write("integrations -o csv\n");
            toShell.flush();
            // Once the shell has listed the integration it has the store open, and keeps it.
            CompletableFuture<Boolean> listed = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = fromShell.readLine()) != null; ) {
                        if (line.contains("threatq,ThreatQ")) {
                            return true;
                        }
                    }
                    return false;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertTrue(listed.get(2, TimeUnit.MINUTES), "the shell answered");
            runRounds(parasol, SHELL_ROUNDS);
        }
        assertEquals(0, shell.waitFor(), "the shell ends at the end of its input");
        assertEquals(SHELL_ROUNDS * 3L * NAMES, threatqEntries());
    }

    @Test
    void aStoreHeldByAnotherProgramEndsInExitSixNamingItOnceTheWaitRunsOut() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home, Map.of("PARASOL_STORE_WAIT", "2s"));
        parasol.run("enable-integration", "threatq").ok();
        // A plain H2 connection without auto-server: the file is locked and nobody serves it.
        String url = "jdbc:h2:file:" + home.toAbsolutePath().resolve("parasol") + ";IFEXISTS=TRUE;AUTO_SERVER=FALSE";
        try (Connection foreign = DriverManager.getConnection(url, "sa", "")) {
            CommandResult result = parasol.run("integrations");
            assertEquals(6, result.exitCode(), result.err());
            assertTrue(result.err().contains("waiting for the store"), result.err());
            assertTrue(result.err().contains("a program other than Parasol"), result.err());
            assertTrue(result.err().contains("PARASOL_STORE_WAIT"), result.err());
            assertTrue(!result.err().contains("\tat "), "no stack trace: " + result.err());
        }
        assertTrue(parasol.run("integrations").ok().out().contains("threatq"));
    }

    private void runRounds(ParasolProcess parasol) throws Exception {
        runRounds(parasol, ROUNDS);
    }

    private void runRounds(ParasolProcess parasol, int rounds) throws Exception {
        for (int round = 0; round < rounds; round++) {
            List<Process> started = new ArrayList<>();
            for (int importer = 0; importer < 3; importer++) {
                String prefix = "r" + round + "i" + importer + "-";
                String feed = IntStream.range(0, NAMES).mapToObj(i -> prefix + i + ".sample-corp.com").collect(Collectors.joining("\n"));
                started.add(parasol.start(feed, "import", "threatq", "-"));
            }
            started.add(parasol.start(null, "see-domains", "threatq"));
            started.add(parasol.start(null, "see-domains", "threatq", "-o", "json"));
            started.add(parasol.start(null, "check", "r0i0-1.sample-corp.com"));
            started.add(parasol.start(null, "allow", "round" + round + ".sample-corp.com"));
            started.add(parasol.start(null, "integrations"));
            for (Process p : started) {
                CommandResult result = ParasolProcess.await(p);
                assertEquals(0, result.exitCode(), "round " + round + ": " + p.info().commandLine().orElse("") + ": " + result.err());
            }
        }
    }

    private long threatqEntries() throws Exception {
        try (Store store = Store.openEmbedded(home)) {
            long list = store.read(tx -> tx.integrations().findByName("threatq").orElseThrow().listId().orElseThrow());
            return store.read(tx -> tx.lists().countEntries(list, EntryQuery.all()));
        }
    }
}
