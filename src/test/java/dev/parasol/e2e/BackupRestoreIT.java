package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.store.EntryQuery;
import dev.parasol.store.Store;
import dev.parasol.support.ParasolProcess;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `parasol backup` while other processes use the store, and `parasol restore`: refused while the
 * store is open elsewhere, exact afterwards, and a bad backup leaves the store as it was.
 */
class BackupRestoreIT {
    @TempDir
    Path home;
    @TempDir
    Path backups;

    private static String feed(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i + ".sample-corp.com").collect(Collectors.joining("\n"));
    }

    private long entries(Store store) {
        long list = store.read(tx -> tx.integrations().findByName("threatq").orElseThrow().listId().orElseThrow());
        return store.read(tx -> tx.lists().countEntries(list, EntryQuery.all()));
    }

    @Test
    void backupWhileTheStoreIsBusyThenRestoreExactlyThatState() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        parasol.run("enable-integration", "threatq").ok();
        parasol.runWithInput(feed("a", 1000), "import", "threatq", "-").ok();
        Path zip = backups.resolve("parasol.zip");
        long backedUp;
        try (Store held = Store.openEmbedded(home)) {
            // An import running in another process while a third takes the backup.
            Process importing = parasol.start(feed("b", 2000), "import", "threatq", "-");
            parasol.run("backup", zip.toString()).ok();
            ParasolProcess.await(importing).ok();
            assertEquals(3000, entries(held));

            String refused = parasol.run("restore", zip.toString()).expect(5).err();
            assertTrue(refused.contains("in use by another Parasol process"), refused);
            assertEquals(3000, entries(held), "a refused restore touches nothing");
        }
        try (Store afterBackup = Store.openEmbedded(home)) {
            assertEquals(3000, entries(afterBackup));
        }
        parasol.run("restore", zip.toString()).ok();
        try (Store restored = Store.openEmbedded(home)) {
            backedUp = entries(restored);
        }
        // One import is one transaction: the backup holds none or all of the concurrent one.
        assertTrue(backedUp == 1000 || backedUp == 3000, "entries after restore: " + backedUp);
        assertTrue(parasol.run("audit", "search", "--type", "store", "-o", "json").ok().out().contains("restore from parasol.zip"));
        assertTrue(Files.exists(home.resolve("parasol.mv.db.before-restore")));
    }

    @Test
    void aFileThatIsNotABackupLeavesTheStoreAsItWas() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        parasol.run("enable-integration", "threatq").ok();
        parasol.runWithInput(feed("a", 10), "import", "threatq", "-").ok();

        Path notZip = backups.resolve("notes.zip");
        Files.writeString(notZip, "not a zip");
        assertTrue(parasol.run("restore", notZip.toString()).expect(4).err().contains("not a Parasol backup"));

        Path wrongZip = backups.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(wrongZip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("parasol.mv.db"));
            z.write("this is no H2 file".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        String err = parasol.run("restore", wrongZip.toString()).expect(4).err();
        assertTrue(err.contains("the previous store is back in place"), err);
        assertEquals(1, err.lines().count(), err);

        try (Store store = Store.openEmbedded(home)) {
            assertEquals(10, entries(store));
        }
    }

    @Test
    void theStoreFileAndItsHomeAreTheOwnersAlone() throws Exception {
        new ParasolProcess(home.resolve("fresh")).run("integrations").ok();
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(home.resolve("fresh")));
        assertEquals(Set.copyOf(PosixFilePermissions.fromString("rw-------")),
                Files.getPosixFilePermissions(home.resolve("fresh").resolve("parasol.mv.db")));
    }
}
