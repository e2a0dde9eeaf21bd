package dev.parasol.store;

import dev.parasol.ParasolException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one door to the database. Work runs in {@link #inTransaction}: one connection, one
 * transaction, repositories bound to it, committed at the end or rolled back on failure.
 * Transient lock conflicts (another process writing the same rows) are retried with a
 * bounded backoff, so concurrent Parasol processes do not fail on each other.
 *
 * <p>The embedded H2 file is opened with AUTO_SERVER: the first process to open it serves it
 * to the others over a loopback socket, so an admin's shell, a cron import and the receiver
 * can all use one store at once. A PostgreSQL store ({@code --db jdbc:postgresql://...}) is
 * shared by any number of hosts; {@link Engine} says what differs.
 */
public final class Store implements AutoCloseable {
    private final String url;
    private final Engine engine;
    private final StoreWait wait;
    /** Set for the embedded store in a Parasol home, which processes hand over to each other. */
    private final Handover handover;
    private final Path home;
    private volatile Pool pool;
    private boolean closed;

    /**
     * Connections to the database, as this process reaches it: for the embedded store either as
     * its owner (the file is open in this JVM) or as a client of the owning process.
     */
    private record Pool(DataSource dataSource, AutoCloseable closer, boolean owner, Handover.Held directRead) {
        Pool(DataSource dataSource, AutoCloseable closer, boolean owner) {
            this(dataSource, closer, owner, null);
        }

        /** Reads the closed file itself, read-only, with no owner in between. */
        boolean direct() {
            return directRead != null;
        }
    }

    private Store(String url, Engine engine, StoreWait wait, Handover handover, Path home) {
        this.url = url;
        this.home = home;
        this.engine = engine;
        this.wait = wait;
        this.handover = handover;
    }

    /**
     * The JDBC URL of the embedded store in {@code home}. WRITE_DELAY=0: H2 would otherwise
     * write a commit to the file up to 500 ms later, and a receiver killed in that window lost
     * events it had already answered 202 for (CrashTrialsIT). No AUTO_RECONNECT: when the owner
     * goes, {@link #inTransaction} opens the store again itself, through the {@link Handover}.
     */
    public static String embeddedUrl(Path home) {
        return "jdbc:h2:file:" + home.toAbsolutePath().resolve("parasol")
                + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    }

    /** Opens the embedded store under {@code home}, creating it (owner-only) when missing. */
    public static Store openEmbedded(Path home) {
        return openEmbedded(home, StoreWait.quiet());
    }

    /**
     * The same, waiting as {@code wait} says while other processes open, close or hold the
     * store; exit 6 (a {@link StoreException}) only once its deadline has passed.
     */
    public static Store openEmbedded(Path home, StoreWait wait) {
        try {
            if (!Files.isDirectory(home)) {
                Files.createDirectories(home);
                restrictToOwner(home);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the Parasol home " + home + ": " + e.getMessage(), e);
        }
        Handover handover = Handover.of(home);
        try {
            Store store = new Store(embeddedUrl(home), Engine.H2, wait, handover, home);
            store.pool = store.openHandedOver(wait.begin());
            restrictFileToOwner(home.resolve(DATABASE_FILE));
            return store;
        } catch (RuntimeException e) {
            handover.release();
            throw e;
        }
    }

    /**
     * Opens the embedded store in {@code home} for a command that only reads. While no process
     * has it open, the file is read directly and read-only (no lock file, no loopback server,
     * nothing written on close), and processes opening it meanwhile wait for the read to end;
     * otherwise it opens as {@link #openEmbedded} does. Writing through the store fails.
     */
    public static Store openEmbeddedReadOnly(Path home, StoreWait wait) {
        if (!Files.isRegularFile(home.resolve(DATABASE_FILE))) {
            return openEmbedded(home, wait);
        }
        Handover handover = Handover.of(home);
        Optional<Handover.Held> reading = Optional.empty();
        try {
            reading = handover.directRead(wait.begin());
            if (reading.isPresent()) {
                String url = "jdbc:h2:file:" + home.toAbsolutePath().resolve("parasol") + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
                org.h2.jdbcx.JdbcConnectionPool h2 = h2Pool(url);
                try (Connection c = h2.getConnection()) {
                    if (Migrations.currentVersion(c) == Migrations.latestVersion()) {
                        Store store = new Store(url, Engine.H2, wait, handover, home);
                        store.pool = new Pool(h2, h2::dispose, false, reading.get());
                        return store;
                    }
                } catch (SQLException e) {
                    // an older schema, a file H2 will not read read-only: opened as usual below
                }
                h2.dispose();
                reading.get().close();
            }
        } catch (RuntimeException e) {
            reading.ifPresent(Handover.Held::close);
            handover.release();
            throw e;
        }
        handover.release();
        return openEmbedded(home, wait);
    }

    /**
     * Opens the embedded store while no other process opens or closes it: as its owner when no
     * process has it, else as a client of the one that does. Waits while H2 still refuses (an
     * owner killed moments ago, a program other than Parasol holding the file).
     */
    private Pool openHandedOver(StoreWait.Waiting waiting) {
        try (Handover.Held opening = handover.transition(waiting, wait.process() + " is opening the store");
             Handover.Held noDirectReaders = handover.excludeDirectReaders(waiting)) {
            while (true) {
                org.h2.jdbcx.JdbcConnectionPool h2 = h2Pool(url);
                try (Connection c = h2.getConnection()) {
                    boolean owner = c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession() instanceof org.h2.engine.SessionLocal;
                    prepareSchema(c, Engine.H2);
                    if (owner) {
                        handover.becameOwner(wait.process());
                    }
                    return new Pool(h2, h2::dispose, owner);
                } catch (SQLException e) {
                    h2.dispose();
                    if (!engine.isStoreUnavailable(e)) {
                        throw new StoreException("cannot open the store " + displayUrl(url) + ": " + firstLine(e.getMessage()), e);
                    }
                    if (!waiting.pause(this::holderOfFile)) {
                        throw new StoreException("the store in " + home + " stayed in use for " + waiting.elapsed().toSeconds()
                                + " s by " + holderOfFile() + "; set PARASOL_STORE_WAIT to wait longer", e);
                    }
                }
            }
        }
    }

    private String holderOfFile() {
        return handover.owner().orElse("a program other than Parasol (H2's lock file " + home.resolve(StoreStamp.LOCK_FILE)
                + " is held)");
    }

    /** What a read of a closed store found, and the stamp of the file it read. */
    public record Stamped<T>(T value, StoreStamp stamp) {
    }

    /**
     * Runs {@code work} on a copy of the embedded store in {@code home} taken while no process
     * had it open, and returns what it read with the stamp of the file it copied. The store itself
     * is never held, so no process opening, reading or writing it waits for this one. Empty when a
     * process holds the store or opened it during the copy (the copy may then be torn), when
     * another reader is at work, when the schema is not this program's, or when anything fails:
     * the caller answers from the store.
     */
    public static <T> Optional<Stamped<T>> readClosedStore(Path home, Work<T> work) {
        Path copy = home.resolve(READER_COPY + ".mv.db");
        try (FileChannel readerLock = FileChannel.open(home.resolve(READER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = readerLock.tryLock()) {
            if (held == null) {
                return Optional.empty();
            }
            Optional<StoreStamp> before = StoreStamp.ofClosedStore(home);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            Files.deleteIfExists(copy);
            Files.createFile(copy, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try (FileChannel from = FileChannel.open(home.resolve(DATABASE_FILE), StandardOpenOption.READ);
                 FileChannel to = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                long size = from.size();
                for (long done = 0; done < size; ) {
                    done += from.transferTo(done, size - done, to);
                }
            }
            if (!StoreStamp.ofClosedStore(home).equals(before)) {
                return Optional.empty();
            }
            String url = "jdbc:h2:file:" + home.toAbsolutePath().resolve(READER_COPY) + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
            try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
                if (Migrations.currentVersion(c) != Migrations.latestVersion()) {
                    return Optional.empty();
                }
                return Optional.of(new Stamped<>(work.run(new Tx(c, Engine.H2)), before.get()));
            }
        } catch (SQLException | IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(copy);
                Files.deleteIfExists(home.resolve(READER_COPY + ".trace.db"));
            } catch (IOException ignored) {
                // the next reader replaces it
            }
        }
    }

    /** The copy {@link #readClosedStore} reads, beside the store (so on the same file system, and owner-only). */
    private static final String READER_COPY = "parasol.reading";

    /** Held by {@link #readClosedStore} while it copies and reads: one reader at a time. */
    public static final String READER_LOCK = "parasol.reader.lock";

    /** H2's "Database may be already in use". */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    /** The embedded store's file in a Parasol home. */
    public static final String DATABASE_FILE = "parasol.mv.db";

    /** The store holds customer keys: its file is the owner's alone, whatever the umask. */
    static void restrictFileToOwner(Path file) {
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system; the platform's defaults apply.
        }
    }

    /** Opens the store at {@code jdbcUrl} (H2 or PostgreSQL), bringing its schema up to date. */
    public static Store open(String jdbcUrl) {
        return open(jdbcUrl, StoreWait.quiet());
    }

    /** The same, retrying transient conflicts until {@code wait}'s deadline. */
    public static Store open(String jdbcUrl, StoreWait wait) {
        Engine engine = Engine.of(jdbcUrl);
        Store store = new Store(jdbcUrl, engine, wait, null, null);
        if (engine == Engine.H2) {
            org.h2.jdbcx.JdbcConnectionPool h2 = h2Pool(jdbcUrl);
            store.pool = new Pool(h2, h2::dispose, true);
        } else {
            PostgresPool.Opened pg = PostgresPool.open(jdbcUrl);
            store.pool = new Pool(pg.dataSource(), pg.closer(), true);
        }
        try (Connection c = store.pool.dataSource().getConnection()) {
            prepareSchema(c, engine);
        } catch (SQLException e) {
            store.close();
            throw new StoreException("cannot open the store " + displayUrl(jdbcUrl) + ": " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static void prepareSchema(Connection c, Engine engine) throws SQLException {
        engine.lockForMigration(c, true);
        try {
            migrateWithRetry(c, engine);
        } finally {
            engine.lockForMigration(c, false);
        }
    }

    private static org.h2.jdbcx.JdbcConnectionPool h2Pool(String jdbcUrl) {
        // H2 reads this once, when its classes load: the AUTO_SERVER socket then listens on
        // loopback only, never on every interface.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(jdbcUrl, "sa", "");
        pool.setMaxConnections(16);
        return pool;
    }

    /** Two processes opening a brand-new store race to create it; the loser re-reads the version. */
    private static void migrateWithRetry(Connection c, Engine engine) throws SQLException {
        try {
            Migrations.apply(c, engine);
        } catch (SQLException first) {
            if (Migrations.currentVersion(c) < Migrations.latestVersion()) {
                Migrations.apply(c, engine);
            }
        }
    }

    public int schemaVersion() {
        return read(tx -> Migrations.currentVersion(tx.connection()));
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    private static final Handover.Held UNMARKED = () -> { };

    /**
     * Runs {@code work} in one transaction, retrying it whole on transient conflicts (lock
     * timeouts, deadlocks, a unique key taken meanwhile) until the wait's deadline. When the
     * process serving the embedded store has handed it over, opens it again (as the new owner
     * or a client of one) and runs the work there.
     */
    public <T> T inTransaction(Work<T> work) {
        return run(work, false);
    }

    private <T> T run(Work<T> work, boolean snapshot) {
        StoreWait.Waiting waiting = null;
        while (true) {
            Pool p = pool;
            try (Handover.Held client = handover != null && !p.owner() && !p.direct() ? handover.clientTransaction(wait) : UNMARKED;
                 Connection c = p.dataSource().getConnection()) {
                int isolation = c.getTransactionIsolation();
                boolean isolated = snapshot && isolation != Connection.TRANSACTION_REPEATABLE_READ;
                if (isolated) {
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                }
                c.setAutoCommit(false);
                try {
                    Tx tx = new Tx(c, engine);
                    T result = work.run(tx);
                    tx.beforeCommit();
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                } finally {
                    if (isolated) {
                        c.setTransactionIsolation(isolation);
                    }
                }
            } catch (SQLException e) {
                boolean handedOver = handover != null && engine.isStoreUnavailable(e);
                if (!handedOver && !engine.isTransient(e)) {
                    throw new IllegalStateException("store error: " + describe(e), e);
                }
                if (waiting == null) {
                    waiting = wait.begin();
                }
                if (handedOver) {
                    reopenAfter(p, waiting);
                }
                if (!waiting.pause(() -> "other Parasol processes are locking or changing the same rows")) {
                    throw new StoreException("the store stayed busy for " + waiting.elapsed().toSeconds()
                            + " s (other Parasol processes kept locking or changing the same rows); try again, or set "
                            + "PARASOL_STORE_WAIT to wait longer", e);
                }
            }
        }
    }

    /** The owner this process reached the store through has gone: opens it again, once for all threads. */
    private synchronized void reopenAfter(Pool failed, StoreWait.Waiting waiting) {
        if (pool != failed || closed) {
            return;
        }
        closeQuietly(failed);
        if (failed.owner()) {
            handover.lastOwnerLeaving();
        }
        pool = openHandedOver(waiting);
    }

    /**
     * Writes a consistent copy of the whole store to {@code zip} (H2's online BACKUP: other
     * connections and processes go on reading and writing meanwhile).
     */
    public void backupTo(Path zip) {
        if (engine != Engine.H2) {
            throw ParasolException.usage("parasol backup copies an H2 store; back up a PostgreSQL store with pg_dump "
                    + "(see docs/reliability.md)");
        }
        inTransaction(tx -> {
            try (java.sql.Statement st = tx.connection().createStatement()) {
                st.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            return null;
        });
    }

    /**
     * Whether a process has the embedded store in {@code home} open: tries to open it for this
     * process alone (no auto-server), which H2 refuses while another holds its lock.
     */
    public static boolean embeddedInUse(Path home) {
        String url = "jdbc:h2:file:" + home.toAbsolutePath().resolve("parasol") + ";IFEXISTS=TRUE;AUTO_SERVER=FALSE";
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
            return false;
        } catch (SQLException e) {
            return e.getErrorCode() == DATABASE_ALREADY_OPEN;
        }
    }

    /**
     * Read-only work; same retry rules. It reads one snapshot (repeatable read): a list's runs,
     * their names and the entries moved out of them are read by separate statements, and a commit
     * between two of them would otherwise show an entry twice, or not at all.
     */
    public <T> T read(Work<T> work) {
        return run(work, true);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one worth reporting.
        }
    }

    private static void restrictToOwner(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system; the platform's defaults apply.
        }
    }

    /**
     * One short line for a failed statement: a batch's own message lists every row of the batch
     * (PostgreSQL's runs to megabytes), so its first underlying error is what is said.
     */
    static String describe(SQLException e) {
        SQLException shown = e instanceof java.sql.BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        String line = firstLine(shown.getMessage());
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }

    private static final int MAX_MESSAGE = 300;

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The URL without its parameters (which may hold a password). */
    static String displayUrl(String url) {
        int cut = url.length();
        for (char sep : new char[] {';', '?'}) {
            int at = url.indexOf(sep);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }

    public String url() {
        return url;
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Closes this process's connections. The owner of the embedded store hands it over first:
     * while no other process opens it, and between its clients' transactions, it shuts the
     * database down, and the clients' next transactions open it again, one becoming the owner.
     */
    @Override
    public void close() {
        if (handover == null) {
            closeQuietly(pool);
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            Pool p = pool;
            try {
                if (p != null && p.owner() && handover.lastOwnerLeaving()) {
                    handOver(p);
                }
            } finally {
                closeQuietly(p);
                handover.release();
            }
        }
    }

    private void handOver(Pool p) {
        StoreWait.Waiting waiting = wait.begin();
        try (Handover.Held closing = handover.transition(waiting, wait.process() + " is closing the store");
             Handover.Held drained = handover.drainClients(waiting);
             Connection c = p.dataSource().getConnection();
             java.sql.Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException | StoreException e) {
            // Closing the pool (and H2 at exit) closes the database anyway; clients then open it again.
        }
    }

    private static void closeQuietly(Pool p) {
        if (p == null) {
            return;
        }
        try {
            p.closer().close();
        } catch (Exception e) {
            // Nothing more to release; the database closes with the process at the latest.
        } finally {
            if (p.direct()) {
                p.directRead().close();
            }
        }
    }
}
