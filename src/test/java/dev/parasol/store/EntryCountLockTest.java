package dev.parasol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parasol.policy.ListKind;
import dev.parasol.support.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list's kept entry count is written when a transaction commits, not when it adds: a long
 * import must not lock the list's row for its whole length, or a receiver adding to the same
 * list would wait behind it (and fail after the lock timeout).
 */
class EntryCountLockTest {
    @TempDir
    Path home;

    @Test
    void anotherTransactionAddsToTheListWhileAnImportIsOpen() throws Exception {
        Instant at = Instant.parse("2026-11-24T00:00:00Z");
        try (Store store = TestStores.open(home)) {
            long listId = store.inTransaction(tx -> tx.lists().insert("Feed", ListKind.BLOCK, Optional.empty(), at).id());
            store.inTransaction(tx -> {
                tx.lists().insertEntries(listId, List.of("import.example"), at, "t", "cli", "f", Optional.empty());
                assertEquals(1L, tx.lists().countEntries(listId, EntryQuery.all()), "the open transaction sees its own count");
                // A bound on a hang, not a timing assert: blocked, the other would wait for this commit forever.
                CompletableFuture<Void> other = CompletableFuture.runAsync(() -> store.inTransaction(o -> {
                    o.lists().insertEntries(listId, List.of("receiver.example"), at, "t", "http", "http", Optional.empty());
                    return null;
                }));
                try {
                    other.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the other transaction did not finish while this one was open", e);
                }
                return null;
            });
            assertEquals(2L, (long) store.read(tx -> tx.lists().countEntries(listId, EntryQuery.all())));
            assertEquals(2L, (long) store.read(tx -> tx.lists().entryCounts().get(listId)));
        }
    }
}
