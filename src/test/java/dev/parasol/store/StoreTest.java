package dev.parasol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.support.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path tmp;

    @Test
    void migrationsRunOnceAndRecordTheVersion() {
        Path home = tmp.resolve("home");
        try (Store store = Store.openEmbedded(home)) {
            assertEquals(Migrations.latestVersion(), store.schemaVersion());
            assertEquals(2, (int) store.read(tx -> tx.lists().all().size()), "the two global lists are seeded");
        }
        try (Store again = Store.openEmbedded(home)) {
            assertEquals(Migrations.latestVersion(), again.schemaVersion());
            assertEquals(2, (int) again.read(tx -> tx.lists().all().size()), "seeds are not applied twice");
        }
        assertTrue(Files.exists(home.resolve("parasol.mv.db")));
    }

    @Test
    void newHomeIsPrivateToItsOwner() throws Exception {
        Path home = tmp.resolve("private");
        try (Store ignored = Store.openEmbedded(home)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        }
    }

    @Test
    void aStoreFromANewerParasolIsRefusedWithoutTouchingIt() throws Exception {
        Path home = tmp.resolve("newer");
        try (Store store = TestStores.open(home)) {
            store.inTransaction(tx -> {
                try (PreparedStatement ps = tx.connection().prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', CURRENT_TIMESTAMP)")) {
                    ps.executeUpdate();
                }
                return null;
            });
        }
        StoreException e = assertThrows(StoreException.class, () -> TestStores.open(home));
        assertTrue(e.getMessage().contains("schema version 999"), e.getMessage());
    }

    @Test
    void failedTransactionLeavesNothingBehind() {
        try (Store store = TestStores.open(tmp.resolve("tx"))) {
            assertThrows(IllegalStateException.class, () -> store.inTransaction(tx -> {
                long id = tx.lists().insert("Half Made", dev.parasol.policy.ListKind.BLOCK, java.util.Optional.empty(), java.time.Instant.now()).id();
                tx.lists().insertEntry(id, "x.example.com", java.util.Optional.empty(), java.time.Instant.now(), "t", "cli");
                throw new IllegalStateException("boom");
            }));
            assertTrue(store.read(tx -> tx.lists().findByName("Half Made")).isEmpty());
        }
    }
}
