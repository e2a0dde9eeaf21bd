package dev.parasol.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One state of the embedded store's file while no process has it open: its size, modification
 * and change times (nanoseconds) and inode. Every write H2 makes moves the times, and a restore
 * replaces the inode, so equal stamps mean the same bytes; an open store is never stamped,
 * since its process may still have commits to write.
 */
public record StoreStamp(long size, long modifiedNanos, long changedNanos, long inode, long device) {

    // Written out: a record's generated equals is bootstrapped through method handles, which
    // costs a cold check tens of milliseconds the first time.
    @Override
    public boolean equals(Object o) {
        return o instanceof StoreStamp s && s.size == size && s.modifiedNanos == modifiedNanos
                && s.changedNanos == changedNanos && s.inode == inode && s.device == device;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(modifiedNanos) * 31 + Long.hashCode(inode);
    }

    /** The lock file H2 keeps beside the store while a process has it open. */
    public static final String LOCK_FILE = "parasol.lock.db";

    /**
     * The stamp of the store in {@code home}, or empty when a process has it open (its lock file
     * is there), when there is no store, or when the file system cannot say (no unix attributes).
     */
    public static Optional<StoreStamp> ofClosedStore(Path home) {
        Path lock = home.resolve(LOCK_FILE);
        if (Files.exists(lock)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> a = Files.readAttributes(home.resolve(Store.DATABASE_FILE), "unix:size,lastModifiedTime,ctime,ino,dev");
            StoreStamp stamp = new StoreStamp((Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                    ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS), (Long) a.get("ino"), (Long) a.get("dev"));
            // Looked at again after the stamp: a process that opened the store meanwhile holds it now.
            return Files.exists(lock) ? Optional.empty() : Optional.of(stamp);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
