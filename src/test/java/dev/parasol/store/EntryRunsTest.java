package dev.parasol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.policy.ListHit;
import dev.parasol.policy.ListKind;
import dev.parasol.support.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries stored as runs read exactly as the same entries stored as rows, through every change
 * an entry goes through: the same names go into list R as one run and into list W as rows, and
 * after each step every reader must give the same answers for both.
 */
class EntryRunsTest {
    private static final Instant T1 = Instant.parse("2026-11-24T01:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-24T02:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-24T03:00:00Z");
    private static final String FEED = "/feeds/a.txt";

    @TempDir
    Path home;
    private final List<String> names = new ArrayList<>();
    private long runList;
    private long rowList;

    @BeforeEach
    void names() {
        TreeSet<String> sorted = new TreeSet<>();
        for (int i = 0; i < 2_500; i++) {
            sorted.add(String.format("h%04d.%s.example", i * 7 % 2_500, i % 3 == 0 ? "c2" : "phish"));
        }
        names.addAll(sorted);
    }

    private void addBoth(Store store, List<String> sorted, Instant at) {
        store.inTransaction(tx -> {
            ListRepository lists = tx.lists();
            for (long listId : new long[] {runList, rowList}) {
                FeedSourceRepository.FeedGeneration g = tx.feedSources().nextFeedGeneration(listId, FEED, at);
                Optional<ListRepository.Carry> carry = Optional.of(new ListRepository.Carry(g.sourceId(), g.generation()));
                if (listId == runList) {
                    lists.insertEntries(listId, sorted, at, "ThreatQ Account", "cli", FEED, carry);
                } else {
                    // The same names as rows: given in batches under a run's minimum size.
                    for (int from = 0; from < sorted.size(); from += ListRepository.RUN_MIN - 1) {
                        lists.insertEntries(listId, sorted.subList(from, Math.min(sorted.size(), from + ListRepository.RUN_MIN - 1)),
                                at, "ThreatQ Account", "cli", FEED, carry);
                    }
                }
            }
            return null;
        });
    }

    private static long count(Store store, String table) {
        return store.read(tx -> {
            try (var ps = tx.connection().prepareStatement("SELECT COUNT(*) FROM " + table); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** An entry without what differs between the two lists (ids, list ids). */
    private record Seen(String domain, Optional<String> comment, Instant addedAt, String addedBy, String origin, Instant lastSeenAt,
                        long timesSeen, Optional<String> lastSource) {
        static Seen of(ListEntry e) {
            return new Seen(e.domain(), e.comment(), e.addedAt(), e.addedBy(), e.origin(), e.lastSeenAt(), e.timesSeen(), e.lastSource());
        }
    }

    private static List<Seen> seen(List<ListEntry> entries) {
        return entries.stream().map(Seen::of).toList();
    }

    /** Every reader of ListRepository, for both lists. */
    private void assertSameAnswers(Store store, String step) {
        store.read(tx -> {
            ListRepository lists = tx.lists();
            List<EntryQuery> queries = List.of(EntryQuery.all(),
                    new EntryQuery(Optional.empty(), Optional.empty(), 100, 0),
                    new EntryQuery(Optional.empty(), Optional.empty(), 100, 950),
                    new EntryQuery(Optional.of("C2"), Optional.empty(), 50, 20),
                    new EntryQuery(Optional.of("h01"), Optional.of(T2), 1_000, 0));
            for (EntryQuery q : queries) {
                assertEquals(seen(lists.entries(rowList, q)), seen(lists.entries(runList, q)), step + ": entries " + q);
                assertEquals(lists.countEntries(rowList, q), lists.countEntries(runList, q), step + ": count " + q);
            }
            assertEquals(lists.entryCounts().get(rowList), lists.entryCounts().get(runList), step + ": kept count");
            List<String> byIdRows = new ArrayList<>();
            List<String> byIdRuns = new ArrayList<>();
            for (int page = 0; page < 30; page++) {
                lists.entriesById(rowList, 100, page * 100L).forEach(e -> byIdRows.add(e.domain()));
                lists.entriesById(runList, 100, page * 100L).forEach(e -> byIdRuns.add(e.domain()));
            }
            assertEquals(new TreeSet<>(byIdRows), new TreeSet<>(byIdRuns), step + ": paging by id");
            assertEquals(byIdRows.size(), byIdRuns.size(), step + ": paging by id gives each entry once");
            for (ListEntry e : lists.entriesById(runList, 40, 0)) {
                assertEquals(Optional.of(e), lists.findEntryById(runList, e.id()), step + ": by id " + e.domain());
                assertEquals(Optional.empty(), lists.findEntryById(rowList, e.id()), "not an id of another list");
            }
            for (String probe : List.of(names.get(0), names.get(63), names.get(64), names.get(1_999), names.get(names.size() - 1),
                    "h0000.zzz.example", "a.example", "zzz.example")) {
                assertEquals(lists.findEntry(rowList, probe).map(Seen::of), lists.findEntry(runList, probe).map(Seen::of),
                        step + ": find " + probe);
                Set<Long> listsHit = tx.membership().lookup(List.of(probe)).stream().map(ListHit::listId).collect(Collectors.toSet());
                assertEquals(listsHit.contains(rowList), listsHit.contains(runList), step + ": lookup " + probe);
            }
            assertEquals(lists.entriesInRange(rowList, names.get(100), names.get(900)).keySet(),
                    lists.entriesInRange(runList, names.get(100), names.get(900)).keySet(), step + ": range");
            List<String> probes = List.of(names.get(5), names.get(700), "absent.example", names.get(2_400));
            assertEquals(lists.entriesNamed(rowList, probes).keySet(), lists.entriesNamed(runList, probes).keySet(), step + ": named");
            Map<Long, List<String>> each = new TreeMap<>();
            tx.membership().forEachEntry(List.of(rowList, runList), (list, name) -> each.computeIfAbsent(list, k -> new ArrayList<>()).add(name));
            assertEquals(new TreeSet<>(each.getOrDefault(rowList, List.of())), new TreeSet<>(each.getOrDefault(runList, List.of())),
                    step + ": forEachEntry");
            List<String> distinctRows = new ArrayList<>();
            List<String> distinctRuns = new ArrayList<>();
            tx.membership().forEachDistinctDomain(List.of(rowList), distinctRows::add);
            tx.membership().forEachDistinctDomain(List.of(runList), distinctRuns::add);
            assertEquals(distinctRows, distinctRuns, step + ": distinct names in order");
            assertEquals(lists.addedAndUnseenSince(rowList, T1, 20), lists.addedAndUnseenSince(runList, T1, 20), step + ": unseen since");
            return null;
        });
    }

    @Test
    void entriesInRunsReadAsRowsThroughEveryChange() {
        try (Store store = TestStores.open(home)) {
            runList = store.inTransaction(tx -> tx.lists().insert("Runs", ListKind.BLOCK, Optional.empty(), T1).id());
            rowList = store.inTransaction(tx -> tx.lists().insert("Rows", ListKind.BLOCK, Optional.empty(), T1).id());
            addBoth(store, names.subList(0, 1_500), T1);
            assertEquals(1, count(store, "entry_run"), "the run list's 1,500 names are one run");
            assertEquals(1_500, count(store, "list_entry"), "the row list's are rows");
            assertSameAnswers(store, "added");

            // A later import adds the rest (another run) and sends the first again (carried: nothing written).
            addBoth(store, names.subList(1_500, names.size()), T2);
            assertEquals(2, count(store, "entry_run"));
            assertSameAnswers(store, "second import");

            // Another source sends some again: they move out of the run to rows of their own.
            store.inTransaction(tx -> {
                ListRepository lists = tx.lists();
                for (long listId : new long[] {runList, rowList}) {
                    List<String> resent = List.of(names.get(3), names.get(64), names.get(1_200));
                    List<Long> ids = lists.entriesNamed(listId, resent).values().stream().map(ListRepository.StoredEntry::id).toList();
                    lists.refreshEntries(ids, T3, "http", Optional.empty());
                }
                return null;
            });
            assertSameAnswers(store, "refreshed by another source");
            assertEquals(2_500 + 3, count(store, "list_entry"), "three entries moved out of the run");
            assertEquals(Optional.of("http"), store.read(tx -> tx.lists().findEntry(runList, names.get(64))).flatMap(ListEntry::lastSource));

            // The feed stops sending some: their carried sightings become their own.
            store.inTransaction(tx -> {
                ListRepository lists = tx.lists();
                for (long listId : new long[] {runList, rowList}) {
                    List<Long> ids = lists.entriesNamed(listId, List.of(names.get(10), names.get(11))).values().stream()
                            .map(ListRepository.StoredEntry::id).toList();
                    lists.dropCarry(ids, 1, T1, FEED);
                }
                return null;
            });
            assertSameAnswers(store, "carry dropped");

            // An admin deletes some, one of them moved out already.
            store.inTransaction(tx -> {
                for (long listId : new long[] {runList, rowList}) {
                    assertTrue(tx.lists().deleteEntry(listId, names.get(20)));
                    assertTrue(tx.lists().deleteEntry(listId, names.get(64)));
                    assertFalse(tx.lists().deleteEntry(listId, "absent.example"));
                }
                return null;
            });
            assertSameAnswers(store, "deleted");

            // The second import is reverted: what it added and nothing sent since goes, remembered as deleted.
            store.inTransaction(tx -> {
                for (long listId : new long[] {runList, rowList}) {
                    assertEquals(1_000, tx.lists().deleteAddedAndUnseenSince(listId, T2, Optional.of("admin"), T3));
                }
                return null;
            });
            assertSameAnswers(store, "reverted");
            assertEquals(1, count(store, "entry_run"), "the reverted import's run is gone");
            assertEquals(2_000, count(store, "deleted_entry"), "its names are remembered as deleted, in both lists");

            // Deleting the list takes its runs with it.
            store.inTransaction(tx -> {
                tx.lists().delete(runList);
                return null;
            });
            assertEquals(0, count(store, "entry_run"));
            assertEquals(0, count(store, "entry_run_names"));
        }
    }

    @Test
    void rowsAddedWhileAnotherTransactionWroteARunAreRetriedNotDuplicated() {
        try (Store store = TestStores.open(home)) {
            long listId = store.inTransaction(tx -> tx.lists().insert("Feed", ListKind.BLOCK, Optional.empty(), T1).id());
            String late = names.get(42);
            AtomicInteger attempts = new AtomicInteger();
            store.inTransaction(tx -> {
                attempts.incrementAndGet();
                boolean known = !tx.lists().entriesNamed(listId, List.of(late)).isEmpty();
                if (attempts.get() == 1) {
                    // A bulk import commits a run holding the same name after this transaction looked.
                    store.inTransaction(other -> {
                        other.lists().insertEntries(listId, names, T1, "ThreatQ Account", "cli", FEED, Optional.empty());
                        return null;
                    });
                }
                if (!known) {
                    tx.lists().insertEntries(listId, List.of(late), T2, "ThreatQ Account", "http", "http", Optional.empty());
                }
                return null;
            });
            assertEquals(2, attempts.get(), "the first attempt failed at its commit");
            assertEquals(names.size(), (long) store.read(tx -> tx.lists().countEntries(listId, EntryQuery.all())));
            List<String> all = new ArrayList<>();
            store.read(tx -> {
                tx.membership().forEachEntry(List.of(listId), (l, name) -> all.add(name));
                return null;
            });
            assertEquals(names.size(), all.size(), "each name once");
        }
    }

    @Test
    void aRunHoldingANameAnotherTransactionAddedMeanwhileIsRetriedNotDuplicated() {
        try (Store store = TestStores.open(home)) {
            long listId = store.inTransaction(tx -> tx.lists().insert("Feed", ListKind.BLOCK, Optional.empty(), T1).id());
            String late = names.get(1_234);
            AtomicInteger attempts = new AtomicInteger();
            store.inTransaction(tx -> {
                attempts.incrementAndGet();
                Map<String, ListRepository.StoredEntry> stored = tx.lists().entriesInRange(listId, names.get(0), names.get(names.size() - 1));
                if (attempts.get() == 1) {
                    // A receiver commits one of the names after this import looked.
                    store.inTransaction(other -> {
                        other.lists().insertEntries(listId, List.of(late), T1, "ThreatQ Account", "http", "http", Optional.empty());
                        return null;
                    });
                }
                List<String> fresh = names.stream().filter(n -> !stored.containsKey(n)).toList();
                tx.lists().insertEntries(listId, fresh, T2, "ThreatQ Account", "cli", FEED, Optional.empty());
                return null;
            });
            assertEquals(2, attempts.get(), "the first attempt failed at its commit");
            assertEquals(names.size(), (long) store.read(tx -> tx.lists().countEntries(listId, EntryQuery.all())));
            assertEquals(Optional.of("http"), store.read(tx -> tx.lists().findEntry(listId, late)).flatMap(ListEntry::lastSource),
                    "the receiver's entry stays, the import's retry left it alone");
            assertEquals(1, count(store, "list_entry"), "only the receiver's name is a row");
            assertEquals(1, count(store, "entry_run"), "the import's other names are its run");
        }
    }

    @Test
    void aReceiverAddsToTheListWhileAnImportHasWrittenRunsAndNeitherWaitsNorRetries() throws Exception {
        try (Store store = TestStores.open(home)) {
            long listId = store.inTransaction(tx -> tx.lists().insert("Feed", ListKind.BLOCK, Optional.empty(), T1).id());
            AtomicInteger attempts = new AtomicInteger();
            store.inTransaction(tx -> {
                attempts.incrementAndGet();
                tx.lists().entriesInRange(listId, names.get(0), names.get(names.size() - 1));
                tx.lists().insertEntries(listId, names, T1, "ThreatQ Account", "cli", FEED, Optional.empty());
                // A bound on a hang, not a timing assert: blocked, the other would wait for this commit forever.
                java.util.concurrent.CompletableFuture<Void> receiver = java.util.concurrent.CompletableFuture.runAsync(() ->
                        store.inTransaction(o -> {
                            o.lists().insertEntries(listId, List.of("receiver.example"), T1, "ThreatQ Account", "http", "http",
                                    Optional.empty());
                            return null;
                        }));
                try {
                    receiver.get(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the receiver did not finish while the import was open", e);
                }
                return null;
            });
            assertEquals(1, attempts.get(), "different names: the import's check finds nothing twice");
            assertEquals(names.size() + 1L, (long) store.read(tx -> tx.lists().countEntries(listId, EntryQuery.all())));
        }
    }
}
