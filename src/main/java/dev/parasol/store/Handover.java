package dev.parasol.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The moments the embedded store changes hands between Parasol processes, made one at a time.
 *
 * <p>H2 lets one process open the file; with AUTO_SERVER that process (the owner) serves it to
 * the others over loopback. H2's own lock-file protocol breaks when processes open and close
 * at the same instant ("Lock file recently modified", "Locked by another process"), and an
 * owner that exits closes the database under its clients' open transactions. So, in the lock
 * file {@value #FILE}:
 * <ul>
 *   <li>byte 0, held exclusively while a process opens the store or its owner closes it: the
 *       transitions are serialised, and H2 only ever sees one at a time;</li>
 *   <li>byte 1, held shared by a client process for each transaction it runs through the owner,
 *       and exclusively by an owner about to close: the owner hands over between its clients'
 *       transactions, never inside one;</li>
 *   <li>byte 2, held shared by a read-only command reading the closed file directly (no lock
 *       file, no server: a cold check saves 100 ms), and exclusively by every process while it
 *       opens the store: nobody becomes the owner and writes under such a reader.</li>
 * </ul>
 * File locks belong to a JVM, so each home has one instance per JVM, counting its users.
 */
final class Handover {
    static final String FILE = "parasol.handover.lock";
    /** Who owns the open store now ("pid 4711: parasol serve, since ..."), for whoever waits. */
    static final String OWNER_FILE = "parasol.owner";
    private static final long TRANSITION = 0;
    private static final long IN_USE = 1;
    private static final long DIRECT_READERS = 2;
    private static final Map<Path, Handover> BY_HOME = new HashMap<>();

    private final Path home;
    private final FileChannel channel;
    private final ReentrantLock transition = new ReentrantLock();
    private int stores;
    private int owners;
    private int clientTransactions;
    private FileLock inUse;
    private int directReaders;
    private FileLock directReading;

    private Handover(Path home, FileChannel channel) {
        this.home = home;
        this.channel = channel;
    }

    /** This JVM's handover for {@code home}; {@link #release} once per call. */
    static Handover of(Path home) {
        Path key = home.toAbsolutePath().normalize();
        synchronized (BY_HOME) {
            Handover h = BY_HOME.get(key);
            if (h == null) {
                try {
                    h = new Handover(key, FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE,
                            StandardOpenOption.READ, StandardOpenOption.WRITE));
                } catch (IOException e) {
                    throw new StoreException("cannot open " + key.resolve(FILE) + ": " + e.getMessage(), e);
                }
                Store.restrictFileToOwner(key.resolve(FILE));
                BY_HOME.put(key, h);
            }
            h.stores++;
            return h;
        }
    }

    void release() {
        synchronized (BY_HOME) {
            if (--stores == 0) {
                BY_HOME.remove(home);
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the locks go with the channel
                }
            }
        }
    }

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the transition lock, waiting for another process's open or close to finish (until
     * the deadline; then exit 6 naming that process), and says what this process is doing.
     */
    Held transition(StoreWait.Waiting waiting, String doing) {
        try {
            while (!transition.tryLock(5, TimeUnit.MILLISECONDS)) {
                if (!waiting.pause(() -> "another part of this process is opening it")) {
                    throw new StoreException("the store in " + home + " was being opened by another part of this process for "
                            + waiting.elapsed().toSeconds() + " s", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store", e);
        }
        try {
            FileLock lock;
            while ((lock = tryLock(TRANSITION, false)) == null) {
                if (!waiting.pause(this::transitionHolder)) {
                    throw new StoreException("the store in " + home + " stayed busy for " + waiting.elapsed().toSeconds() + " s: "
                            + transitionHolder() + "; set PARASOL_STORE_WAIT to wait longer", null);
                }
            }
            writeDescription(doing);
            FileLock held = lock;
            return () -> {
                try {
                    releaseQuietly(held);
                } finally {
                    transition.unlock();
                }
            };
        } catch (RuntimeException e) {
            transition.unlock();
            throw e;
        }
    }

    /**
     * Marks a transaction this client process runs through the owner (shared with every other
     * client's), so the owner does not close under it. Waits while an owner is handing over.
     */
    Held clientTransaction(StoreWait wait) {
        StoreWait.Waiting waiting = null;
        while (true) {
            synchronized (this) {
                if (clientTransactions > 0 || (inUse = tryLock(IN_USE, true)) != null) {
                    clientTransactions++;
                    return this::endClientTransaction;
                }
            }
            if (waiting == null) {
                waiting = wait.begin();
            }
            if (!waiting.pause(() -> "its owner is handing it over")) {
                // An owner that takes this long closes anyway; the transaction then retries on the next owner.
                return () -> { };
            }
        }
    }

    private synchronized void endClientTransaction() {
        if (--clientTransactions == 0 && inUse != null) {
            releaseQuietly(inUse);
            inUse = null;
        }
    }

    /**
     * For an owner about to close: waits until no client process is inside a transaction and
     * keeps new ones from starting. Gives up at the deadline (the owner then closes anyway, and
     * the clients' transactions run again on the next owner).
     */
    Held drainClients(StoreWait.Waiting waiting) {
        FileLock lock;
        while ((lock = tryLock(IN_USE, false)) == null) {
            if (!waiting.pause(() -> "clients still at work in it")) {
                return () -> { };
            }
        }
        FileLock held = lock;
        return () -> releaseQuietly(held);
    }

    /**
     * For a process opening the store, inside its transition: waits until no read-only command
     * reads the closed file directly (a read takes tens of milliseconds), then keeps new ones out
     * until the open is done.
     */
    Held excludeDirectReaders(StoreWait.Waiting waiting) {
        FileLock lock;
        while ((lock = tryLock(DIRECT_READERS, false)) == null) {
            if (!waiting.pause(() -> "a read-only command to finish reading it")) {
                throw new StoreException("the store in " + home + " was being read for " + waiting.elapsed().toSeconds()
                        + " s by another Parasol process; set PARASOL_STORE_WAIT to wait longer", null);
            }
        }
        FileLock held = lock;
        return () -> releaseQuietly(held);
    }

    /**
     * Marks a read-only command's direct read of the closed store file, when no process has the
     * store open (H2's lock file is absent); empty when one has, and the command then opens the
     * store as usual. Until the mark is closed, no process opens the store.
     */
    Optional<Held> directRead(StoreWait.Waiting waiting) {
        try (Held looking = transition(waiting, "a read-only command is looking at the store")) {
            if (Files.exists(home.resolve(StoreStamp.LOCK_FILE))) {
                return Optional.empty();
            }
            synchronized (this) {
                if (directReaders == 0 && (directReading = tryLock(DIRECT_READERS, true)) == null) {
                    return Optional.empty();
                }
                directReaders++;
                return Optional.of(this::endDirectRead);
            }
        }
    }

    private synchronized void endDirectRead() {
        if (--directReaders == 0 && directReading != null) {
            releaseQuietly(directReading);
            directReading = null;
        }
    }

    /** Counts a store of this JVM that opened as the owner, and says so to whoever waits. */
    synchronized void becameOwner(String process) {
        if (owners++ == 0) {
            try {
                Path file = home.resolve(OWNER_FILE);
                Files.writeString(file, "pid " + ProcessHandle.current().pid() + ": " + process + ", since " + Instant.now() + "\n");
                Store.restrictFileToOwner(file);
            } catch (IOException ignored) {
                // only a description for messages
            }
        }
    }

    /** Whether the closing store was this JVM's last owning one (which then hands the store over). */
    synchronized boolean lastOwnerLeaving() {
        if (--owners > 0) {
            return false;
        }
        try {
            Files.deleteIfExists(home.resolve(OWNER_FILE));
        } catch (IOException ignored) {
            // a stale description names a process that has gone, and is ignored
        }
        return true;
    }

    /** Who owns the store, if a live Parasol process other than this one. */
    Optional<String> owner() {
        return liveDescription(home.resolve(OWNER_FILE));
    }

    private String transitionHolder() {
        return liveDescription(home.resolve(FILE)).orElse("another Parasol process is opening or closing it");
    }

    private static Optional<String> liveDescription(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!text.startsWith("pid ")) {
                return Optional.empty();
            }
            int colon = text.indexOf(':');
            long pid = Long.parseLong(text.substring(4, colon < 0 ? text.length() : colon));
            if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void writeDescription(String doing) {
        try {
            byte[] text = ("pid " + ProcessHandle.current().pid() + ": " + doing + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text), 0);
        } catch (IOException ignored) {
            // only a description for messages
        }
    }

    private static void releaseQuietly(FileLock lock) {
        try {
            lock.release();
        } catch (IOException ignored) {
            // released with the channel at the latest
        }
    }

    private FileLock tryLock(long position, boolean shared) {
        try {
            return channel.tryLock(position, 1, shared);
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM (another thread); counted above, so only briefly
        } catch (IOException e) {
            throw new StoreException("cannot lock " + home.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
