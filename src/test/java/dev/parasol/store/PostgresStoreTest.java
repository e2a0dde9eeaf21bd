package dev.parasol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.policy.ListKind;
import dev.parasol.support.Postgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to a PostgreSQL store (the rest runs in every store test under -Dparasol.test.engine=postgresql). */
@EnabledIfSystemProperty(named = "parasol.test.engine", matches = "postgresql")
class PostgresStoreTest {
    @TempDir
    Path tmp;

    @Test
    void processesOpeningOneNewDatabaseAtOnceMigrateItOnce() throws Exception {
        String url = Postgres.server().freshStoreUrl();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opened.add(pool.submit(() -> {
                    try (Store store = Store.open(url)) {
                        return store.schemaVersion();
                    }
                }));
            }
            for (Future<Integer> version : opened) {
                assertEquals(Migrations.latestVersion(), version.get());
            }
        } finally {
            pool.shutdown();
        }
        try (Store store = Store.open(url)) {
            assertEquals(2, (int) store.read(tx -> tx.lists().all().size()), "seeds applied once");
            assertEquals(Engine.POSTGRESQL, store.engine());
        }
    }

    /**
     * In a database whose collation is not byte order (ICU en-US puts "_" before "-" and "."), names
     * still sort as Java sorts them, so an import's range scans find what is stored: a second
     * import of the same names adds nothing, and the merged stream comes out in Java order.
     */
    @Test
    void domainNamesKeepByteOrderWhateverTheDatabaseCollation() {
        String url = Postgres.server().newDatabaseUrl("TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
        List<String> names = List.of("ab.example", "a-b.example", "a_b.example", "a.b.example", "a_c.example", "aa.example", "a0.example");
        Instant at = Instant.parse("2026-11-24T00:00:00Z");
        try (Store store = Store.open(url)) {
            long listId = store.inTransaction(tx -> tx.lists().insert("Feed", ListKind.BLOCK, Optional.empty(), at).id());
            store.inTransaction(tx -> {
                tx.lists().insertEntries(listId, names, at, "t", "cli", "f", Optional.empty());
                return null;
            });
            List<String> sorted = new ArrayList<>(names);
            sorted.sort(null);
            assertEquals(names.size(), store.read(tx -> tx.lists().entriesInRange(listId, sorted.get(0), sorted.get(sorted.size() - 1))).size(),
                    "the range of the first to the last name in Java order holds every name");
            List<String> streamed = new ArrayList<>();
            store.read(tx -> {
                tx.membership().forEachDistinctDomain(List.of(listId), streamed::add);
                return null;
            });
            assertEquals(sorted, streamed);
        }
    }

    @Test
    void backupPointsToPgDump() {
        try (Store store = Store.open(Postgres.server().freshStoreUrl())) {
            ParasolException e = org.junit.jupiter.api.Assertions.assertThrows(ParasolException.class,
                    () -> store.backupTo(tmp.resolve("b.zip")));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("pg_dump"), e.getMessage());
        }
    }
}
