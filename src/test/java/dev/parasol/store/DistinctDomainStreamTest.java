package dev.parasol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parasol.support.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sorted, de-duplicated stream of several lists' names that exports are written from. */
class DistinctDomainStreamTest {
    @TempDir
    Path home;

    @Test
    void mergesListsInNameOrderWithoutDuplicates() {
        try (Store store = TestStores.open(home)) {
            Instant now = Instant.parse("2026-11-23T00:00:00Z");
            // The seeded global lists have ids 1 (allow) and 2 (block).
            store.inTransaction(tx -> {
                tx.lists().insertEntries(1, List.of("b.org", "d.org", "a-z.org"), now, "test", "admin", "admin", Optional.empty());
                tx.lists().insertEntries(2, List.of("d.org", "c.org", "a.org", "e.org"), now, "test", "admin", "admin", Optional.empty());
                return null;
            });
            List<String> merged = new ArrayList<>();
            store.read(tx -> {
                tx.membership().forEachDistinctDomain(List.of(1L, 2L), merged::add);
                return null;
            });
            assertEquals(List.of("a-z.org", "a.org", "b.org", "c.org", "d.org", "e.org"), merged);
            List<String> none = new ArrayList<>();
            store.read(tx -> {
                tx.membership().forEachDistinctDomain(List.of(), none::add);
                tx.membership().forEachDistinctDomain(List.of(99L), none::add);
                return null;
            });
            assertEquals(List.of(), none);
        }
    }
}
