package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parasol.service.DecisionCache;
import dev.parasol.store.Store;
import dev.parasol.store.StoreStamp;
import dev.parasol.support.CommandResult;
import dev.parasol.support.ParasolProcess;
import dev.parasol.support.Postgres;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single checks as cron runs them, the packaged program as a process: answered from the
 * decision cache without opening the store, and never from a cache older than the last write.
 */
class DecisionCacheIT {
    private static final String LAPTOP = "roaming-computer:laptop-7";

    @TempDir
    Path home;

    @BeforeEach
    void embeddedOnly() {
        assumeFalse(Postgres.selected(), "the cache serves the embedded store only");
    }

    private void enforceThreatQ(ParasolProcess parasol) throws Exception {
        parasol.run("enable-integration", "threatq").ok();
        parasol.runWithInput("evil.sample-corp.com\nc2.sample-corp.net\n", "import", "threatq", "-").ok();
        parasol.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        parasol.run("policy", "set", "Roaming", "--identity", LAPTOP, "--security-setting", "Strict").ok();
    }

    @Test
    void checksAnswerFromTheCacheWithoutTouchingTheStoreAndSeeEveryWrite() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        enforceThreatQ(parasol);

        String fromStore = parasol.run("check", "www.evil.sample-corp.com", "--identity", LAPTOP).ok().out();
        assertTrue(fromStore.contains("blocked"), fromStore);
        assertTrue(Files.isRegularFile(home.resolve(DecisionCache.FILE)), "the first check builds the cache");

        Optional<StoreStamp> before = StoreStamp.ofClosedStore(home);
        assertTrue(before.isPresent());
        CommandResult fromCache = parasol.run("check", "www.evil.sample-corp.com", "--identity", LAPTOP).ok();
        assertEquals(fromStore, fromCache.out());
        assertTrue(fromCache.err().isEmpty(), fromCache.err());
        // Opening the store would have written to its file; answering from the cache does not.
        assertEquals(before, StoreStamp.ofClosedStore(home));
        assertTrue(parasol.run("check", "clean.sample-corp.org", "-o", "json").ok().out().contains("\"verdict\" : \"allowed\""));
        assertEquals(before, StoreStamp.ofClosedStore(home));

        // check --file decides from the cache too: the same lines as from the store, the store untouched.
        String queries = "www.evil.sample-corp.com\nclean.sample-corp.org\nc2.sample-corp.net\n";
        CommandResult batchFromCache = parasol.runWithInput(queries, "check", "--file", "-", "--identity", LAPTOP, "-o", "csv").ok();
        assertEquals(before, StoreStamp.ofClosedStore(home));
        String batchFromStore = new ParasolProcess(home, Map.of("PARASOL_DECISION_CACHE", "off"))
                .runWithInput(queries, "check", "--file", "-", "--identity", LAPTOP, "-o", "csv").ok().out();
        assertEquals(batchFromStore, batchFromCache.out());
        assertEquals(4, batchFromCache.out().lines().count(), batchFromCache.out());
        assertTrue(batchFromCache.err().contains("3 decisions (2 blocked)"), batchFromCache.err());
        parasol.run("check", "c2.sample-corp.net").ok(); // the store answers (it changed) and the cache is built again

        // A write from any command makes the cache stale: the next check sees it.
        parasol.run("allow", "www.evil.sample-corp.com").ok();
        String afterAllow = parasol.run("check", "www.evil.sample-corp.com", "--identity", LAPTOP).ok().out();
        assertTrue(afterAllow.contains("allowed") && afterAllow.contains("Global Allow List"), afterAllow);
        assertEquals(afterAllow, parasol.run("check", "www.evil.sample-corp.com", "--identity", LAPTOP).ok().out());

        // The settings a check reads (the output format) come from the cache too.
        parasol.run("config", "set", "output", "csv").ok();
        parasol.run("check", "c2.sample-corp.net", "--identity", LAPTOP).ok();
        Optional<StoreStamp> settled = StoreStamp.ofClosedStore(home);
        String csv = parasol.run("check", "c2.sample-corp.net", "--identity", LAPTOP).ok().out();
        assertTrue(csv.startsWith("domain,verdict,policy,categories,list,entry"), csv);
        assertEquals(settled, StoreStamp.ofClosedStore(home));

        // Off means off: the store answers and no cache is built. It reads the closed file
        // directly, so even the store's file is left as it was.
        Files.delete(home.resolve(DecisionCache.FILE));
        String offAnswer = new ParasolProcess(home, Map.of("PARASOL_DECISION_CACHE", "off"))
                .run("check", "c2.sample-corp.net", "--identity", LAPTOP).ok().out();
        assertEquals(csv, offAnswer);
        assertFalse(Files.exists(home.resolve(DecisionCache.FILE)));
        assertEquals(settled, StoreStamp.ofClosedStore(home));
    }

    @Test
    void aBackgroundBuilderFillsTheCacheOnceTheCheckHasExited() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home, Map.of("PARASOL_DECISION_CACHE", "background"));
        enforceThreatQ(parasol);
        assertTrue(parasol.run("check", "www.evil.sample-corp.com", "--identity", LAPTOP).ok().out().contains("blocked"));
        // The builder was started before the check exited; wait for it (if it has not finished already).
        ParasolProcess.awaitDecisionCacheBuilders(home);
        assertTrue(DecisionCache.open(home).engine().isPresent(), "the background builder left a cache that describes the store");
        Optional<StoreStamp> before = StoreStamp.ofClosedStore(home);
        assertTrue(parasol.run("check", "www.evil.sample-corp.com", "--identity", LAPTOP).ok().out().contains("blocked"));
        assertEquals(before, StoreStamp.ofClosedStore(home));
    }

    @Test
    void aCommandStartedWhileTheCacheIsBeingBuiltDoesNotWaitForIt() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        enforceThreatQ(parasol);
        // This JVM plays the builder: it holds the reader lock while it reads its copy of the store.
        try (FileChannel channel = FileChannel.open(home.resolve(Store.READER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock reading = channel.lock()) {
            CommandResult integrations = parasol.run("integrations").ok();
            assertTrue(integrations.out().contains("threatq"), integrations.out());
            assertEquals("", integrations.err());
        }
    }
}
