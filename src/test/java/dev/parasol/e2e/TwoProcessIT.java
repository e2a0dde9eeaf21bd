package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.policy.DestinationList;
import dev.parasol.store.EntryQuery;
import dev.parasol.store.Store;
import dev.parasol.support.ParasolProcess;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin's long-lived process (here: this JVM) holds the store open while cron-style
 * processes write to it; every write from both sides lands and each sees the other's.
 */
class TwoProcessIT {
    @TempDir
    Path home;

    @Test
    void processesShareAStoreThatAnotherProcessHoldsOpen() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        parasol.run("enable-integration", "threatq").ok();
        try (Store held = Store.openEmbedded(home)) {
            long allowListId = held.read(tx -> tx.lists().findByName(DestinationList.GLOBAL_ALLOW).orElseThrow().id());
            held.inTransaction(tx -> {
                tx.lists().insertEntry(allowListId, "from-holder.sample-corp.com", java.util.Optional.empty(), java.time.Instant.now(), "holder", "shell");
                return null;
            });

            // Two writers at once, while this JVM keeps the store open.
            String feedA = IntStream.range(0, 2000).mapToObj(i -> "a" + i + ".sample-corp.com").collect(Collectors.joining("\n"));
            String feedB = IntStream.range(0, 2000).mapToObj(i -> "b" + i + ".sample-corp.net").collect(Collectors.joining("\n"));
            Process a = parasol.start(feedA, "import", "threatq", "-");
            Process b = parasol.start(feedB, "import", "threatq", "-");
            ParasolProcess.await(a).ok();
            ParasolProcess.await(b).ok();
            parasol.run("allow", "from-process.sample-corp.com").ok();

            long threatqList = held.read(tx -> tx.integrations().findByName("threatq").orElseThrow().listId().orElseThrow());
            assertEquals(4000L, (long) held.read(tx -> tx.lists().countEntries(threatqList, EntryQuery.all())));
            assertTrue(held.read(tx -> tx.lists().findEntry(allowListId, "from-process.sample-corp.com")).isPresent());

            String seenByProcess = parasol.run("allow", "list", "-o", "csv").ok().out();
            assertTrue(seenByProcess.contains("from-holder.sample-corp.com"), seenByProcess);
        }
        // And after the holder is gone, a process opens the store on its own.
        assertTrue(parasol.run("see-domains", "threatq", "--search", "a1999").ok().out().contains("a1999.sample-corp.com"));
    }
}
