package dev.parasol.service;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Backups of the embedded store and restores from them. A backup is taken online (H2's BACKUP
 * TO) and lands whole: it is written beside the target and renamed into place. A restore needs
 * the store to itself: it refuses while any process has the store open, keeps the replaced
 * store file beside the new one, and puts it back if the backup does not open.
 */
public final class BackupService {
    /** What the replaced store file is kept as, beside the restored one. */
    public static final String REPLACED_SUFFIX = ".before-restore";

    private final Clock clock;

    public BackupService(Clock clock) {
        this.clock = clock;
    }

    public record Backup(Path file, long bytes) {
    }

    public Backup backup(Store store, Path target) {
        Path zip = target.toAbsolutePath();
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            store.backupTo(partial);
            Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Backup(zip, Files.size(zip));
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot write the backup " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // Only a leftover partial file; the backup itself either moved into place or failed above.
            }
        }
    }

    public record Restore(Path replacedStore, int schemaVersion) {
    }

    /** Replaces the embedded store in {@code home} with the one in {@code backup}. */
    public Restore restore(Path home, Path backup, Actor actor) {
        Path database = home.resolve(Store.DATABASE_FILE);
        Path replaced = home.resolve(Store.DATABASE_FILE + REPLACED_SUFFIX);
        Path incoming = home.resolve(Store.DATABASE_FILE + ".restoring");
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            ZipEntry entry = zip.getEntry(Store.DATABASE_FILE);
            if (entry == null) {
                throw ParasolException.inputRejected(backup + ": not a Parasol backup (no " + Store.DATABASE_FILE + " inside)");
            }
            if (Files.exists(database) && Store.embeddedInUse(home)) {
                throw ParasolException.conflict("the store in " + home
                        + " is in use by another Parasol process (a shell, serve or import); stop it and restore again");
            }
            Files.createDirectories(home);
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, incoming, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (NoSuchFileException e) {
            throw ParasolException.notFound(backup + ": no such file");
        } catch (java.util.zip.ZipException e) {
            throw ParasolException.inputRejected(backup + ": not a Parasol backup (not a zip file: " + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot read the backup " + backup + ": " + e.getMessage(), e);
        }
        boolean hadStore = Files.exists(database);
        try {
            if (hadStore) {
                Files.move(database, replaced, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(incoming, database, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot put the restored store in place: " + e.getMessage(), e);
        }
        try (Store restored = Store.openEmbedded(home)) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("backup", backup.toAbsolutePath().toString());
            after.put("replacedStore", hadStore ? replaced.toString() : null);
            restored.inTransaction(tx -> {
                AuditWriter.record(tx, clock.instant(), actor, AuditWriter.UPDATE, "store", "restore from " + backup.getFileName(),
                        null, after);
                return null;
            });
            return new Restore(replaced, restored.schemaVersion());
        } catch (RuntimeException e) {
            putBack(database, replaced, hadStore);
            throw new ParasolException(ExitCode.INPUT_REJECTED, backup + ": the backup does not open as a Parasol store ("
                    + e.getMessage() + "); the previous store is back in place", e);
        }
    }

    private static void putBack(Path database, Path replaced, boolean hadStore) {
        try {
            Files.deleteIfExists(database);
            if (hadStore) {
                Files.move(replaced, database, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "the backup did not open and the previous store could not be put back: "
                    + "it is at " + replaced, e);
        }
    }
}
