package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.store.EntryQuery;
import dev.parasol.store.Store;
import dev.parasol.support.ParasolProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at several moments of an import: the store always opens, the list holds either none
 * or all of that import's names, and running the import again converges to the full list.
 */
class ImportCrashIT {
    static final int NAMES = 200_000;

    @TempDir
    Path home;

    @Test
    void anImportKilledAtAnyMomentLeavesNothingHalfDone() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        parasol.run("enable-integration", "threatq").ok();
        Path feed = home.resolve("feed.txt");
        Files.writeString(feed, IntStream.range(0, NAMES).mapToObj(i -> "host" + i + ".crash-test.xyz").collect(Collectors.joining("\n")));
        // Fault injection, not synchronisation: kill after different delays, spread over the
        // whole run (parsing, sorting, writing, committing).
        for (long delayMs : new long[] {300, 1200, 2500, 4000, 6000}) {
            Process p = parasol.start(null, "import", "threatq", feed.toString(), "-q");
            if (!p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
            }
            long count = count();
            assertTrue(count == 0 || count == NAMES, "after a kill at " + delayMs + " ms the list holds " + count);
        }
        parasol.run("import", "threatq", feed.toString(), "-q").ok();
        assertTrue(count() == NAMES, "rerunning converges");
    }

    private long count() {
        try (Store store = Store.openEmbedded(home)) {
            return store.read(tx -> {
                long listId = tx.integrations().findByName("threatq").orElseThrow().listId().orElseThrow();
                return tx.lists().countEntries(listId, EntryQuery.all());
            });
        }
    }
}
