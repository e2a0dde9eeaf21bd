package dev.parasol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read-only command reads the closed store file directly, and nobody opens it meanwhile. */
class DirectReadTest {
    @TempDir
    Path home;

    private static final StoreWait NO_WAIT = new StoreWait(Duration.ZERO, message -> { }, "parasol allow");

    private void createStoreWithTable() {
        try (Store store = Store.openEmbedded(home)) {
            store.inTransaction(tx -> {
                try (Statement st = tx.connection().createStatement()) {
                    st.execute("CREATE TABLE probe (n INT)");
                    st.execute("INSERT INTO probe VALUES (42)");
                }
                return null;
            });
        }
    }

    private static int probe(Store store) {
        return store.read(tx -> {
            try (Statement st = tx.connection().createStatement(); var rs = st.executeQuery("SELECT n FROM probe")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void aClosedStoreIsReadWithoutOpeningItAndIsLeftUnchanged() {
        createStoreWithTable();
        Optional<StoreStamp> before = StoreStamp.ofClosedStore(home);
        assertTrue(before.isPresent());
        try (Store reader = Store.openEmbeddedReadOnly(home, StoreWait.quiet())) {
            assertEquals(42, probe(reader));
            assertFalse(Files.exists(home.resolve(StoreStamp.LOCK_FILE)), "no lock file, so no process owns the store");
        }
        assertEquals(before, StoreStamp.ofClosedStore(home), "the file was not written, so the decision cache stays valid");
    }

    @Test
    void nobodyOpensTheStoreWhileItIsReadDirectly() {
        createStoreWithTable();
        try (Store reader = Store.openEmbeddedReadOnly(home, StoreWait.quiet())) {
            StoreException e = assertThrows(StoreException.class, () -> Store.openEmbedded(home, NO_WAIT).close());
            assertTrue(e.getMessage().contains("was being read"), e.getMessage());
            assertEquals(42, probe(reader));
        }
        try (Store writer = Store.openEmbedded(home, NO_WAIT)) {
            writer.inTransaction(tx -> {
                try (Statement st = tx.connection().createStatement()) {
                    st.execute("UPDATE probe SET n = 43");
                }
                return null;
            });
        }
        try (Store reader = Store.openEmbeddedReadOnly(home, StoreWait.quiet())) {
            assertEquals(43, probe(reader));
        }
    }

    @Test
    void withTheStoreOpenTheReaderGoesThroughItsOwner() {
        createStoreWithTable();
        try (Store owner = Store.openEmbedded(home)) {
            owner.inTransaction(tx -> {
                try (Statement st = tx.connection().createStatement()) {
                    st.execute("UPDATE probe SET n = 44");
                }
                return null;
            });
            try (Store reader = Store.openEmbeddedReadOnly(home, StoreWait.quiet())) {
                assertEquals(44, probe(reader), "the owner's commit is seen, not the file as last closed");
            }
        }
    }

    @Test
    void writingThroughADirectReadFails() {
        createStoreWithTable();
        try (Store reader = Store.openEmbeddedReadOnly(home, StoreWait.quiet())) {
            assertThrows(IllegalStateException.class, () -> reader.inTransaction(tx -> {
                try (Statement st = tx.connection().createStatement()) {
                    st.execute("UPDATE probe SET n = 1");
                }
                return null;
            }));
        }
        try (Store store = Store.openEmbedded(home)) {
            assertEquals(42, probe(store));
        }
    }
}
