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
    private static final int MAX_ATTEMPTS = 6;

    private final String url;
    private final Engine engine;
    private final DataSource dataSource;
    private final AutoCloseable pool;

    private Store(String url, Engine engine, DataSource dataSource, AutoCloseable pool) {
        this.url = url;
        this.engine = engine;
        this.dataSource = dataSource;
        this.pool = pool;
    }

    /**
     * The JDBC URL of the embedded store in {@code home}. WRITE_DELAY=0: H2 would otherwise
     * write a commit to the file up to 500 ms later, and a receiver killed in that window lost
     * events it had already answered 202 for (CrashTrialsIT).
     */
    public static String embeddedUrl(Path home) {
        return "jdbc:h2:file:" + home.toAbsolutePath().resolve("parasol")
                + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    }

    /** Opens the embedded store under {@code home}, creating it (owner-only) when missing. */
    public static Store openEmbedded(Path home) {
        return openEmbedded(home, message -> { });
    }

    /** The same, telling {@code diagnostics} when it has to wait for a closed-store reader. */
    public static Store openEmbedded(Path home, java.util.function.Consumer<String> diagnostics) {
        try {
            if (!Files.isDirectory(home)) {
                Files.createDirectories(home);
                restrictToOwner(home);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the Parasol home " + home + ": " + e.getMessage(), e);
        }
        Store store;
        for (int attempt = 1; ; attempt++) {
            try {
                store = open(embeddedUrl(home));
                break;
            } catch (StoreException e) {
                if (attempt == 3 || !(e.getCause() instanceof SQLException sql) || sql.getErrorCode() != DATABASE_ALREADY_OPEN
                        || !waitedForClosedStoreReader(home, diagnostics)) {
                    throw e;
                }
            }
        }
        restrictFileToOwner(home.resolve(DATABASE_FILE));
        return store;
    }

    /** What a read of a closed store found, and the stamp of the file it read. */
    public record Stamped<T>(T value, StoreStamp stamp) {
    }

    /**
     * Runs {@code work} on the embedded store in {@code home} while no process has it open,
     * through a read-only connection (which writes nothing to the file, unlike a normal open
     * and close), and returns what it read with the file's stamp. Empty when a process holds the
     * store, when its file changed during the read (then what was read may be torn), when its
     * schema is not this program's, or when anything fails: the caller answers from the store.
     */
    public static <T> Optional<Stamped<T>> readClosedStore(Path home, Work<T> work) {
        // H2's read-only open holds a shared lock on the file, and a process opening the store
        // meanwhile is refused; it waits for this lock instead (openEmbedded), so one reader at a time.
        try (FileChannel readerLock = FileChannel.open(home.resolve(READER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = readerLock.tryLock()) {
            if (held == null) {
                return Optional.empty();
            }
            Optional<StoreStamp> before = StoreStamp.ofClosedStore(home);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            String url = "jdbc:h2:file:" + home.toAbsolutePath().resolve("parasol") + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
            T value;
            try (Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
                if (Migrations.currentVersion(c) != Migrations.latestVersion()) {
                    return Optional.empty();
                }
                value = work.run(new Tx(c, Engine.H2));
            }
            return StoreStamp.ofClosedStore(home).equals(before) ? Optional.of(new Stamped<>(value, before.get())) : Optional.empty();
        } catch (SQLException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Held by {@link #readClosedStore} while its read-only connection is open. */
    public static final String READER_LOCK = "parasol.reader.lock";

    /**
     * Whether a refused open may have been a closed-store reader's doing (H2 refuses this way
     * only a holder without an auto-server, which Parasol's own are not): waits until the reader
     * lock is free (seconds at most: a reader reads and closes) and says to try again.
     */
    private static boolean waitedForClosedStoreReader(Path home, java.util.function.Consumer<String> diagnostics) {
        Path lockFile = home.resolve(READER_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            try (FileLock free = channel.tryLock()) {
                if (free != null) {
                    return true; // a reader that has just finished
                }
            }
            diagnostics.accept("waiting for the decision cache builder to finish reading the store");
            try (FileLock waited = channel.lock()) {
                return true;
            }
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return false;
        }
    }

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
        Engine engine = Engine.of(jdbcUrl);
        Store store = engine == Engine.H2 ? openH2(jdbcUrl) : PostgresPool.open(jdbcUrl);
        try (Connection c = store.connect()) {
            engine.lockForMigration(c, true);
            try {
                migrateWithRetry(c, engine);
            } finally {
                engine.lockForMigration(c, false);
            }
        } catch (SQLException e) {
            store.close();
            throw new StoreException("cannot open the store " + displayUrl(jdbcUrl) + ": " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static Store openH2(String jdbcUrl) {
        // H2 reads this once, when its classes load: the AUTO_SERVER socket then listens on
        // loopback only, never on every interface.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(jdbcUrl, "sa", "");
        pool.setMaxConnections(16);
        return new Store(jdbcUrl, Engine.H2, pool, pool::dispose);
    }

    /** A store over a pool another class made (PostgreSQL). */
    static Store over(String jdbcUrl, Engine engine, DataSource dataSource, AutoCloseable pool) {
        return new Store(jdbcUrl, engine, dataSource, pool);
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

    private Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Runs {@code work} in one transaction, retrying it whole on transient conflicts. */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connect()) {
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
                }
            } catch (SQLException e) {
                boolean isTransient = engine.isTransient(e);
                if (isTransient && attempt < MAX_ATTEMPTS) {
                    backoff(attempt);
                    continue;
                }
                if (isTransient) {
                    throw new StoreException("the store stayed busy after " + attempt
                            + " attempts (other Parasol processes kept locking or changing the same rows); try again", e);
                }
                throw new IllegalStateException("store error: " + describe(e), e);
            }
        }
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

    /** Read-only work; same retry rules. */
    public <T> T read(Work<T> work) {
        return inTransaction(work);
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(2000, 25L << attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store", ie);
        }
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

    @Override
    public void close() {
        try {
            pool.close();
        } catch (Exception e) {
            throw new StoreException("cannot close the store " + displayUrl(url) + ": " + firstLine(e.getMessage()), e);
        }
    }
}
