package dev.parasol.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The database engines a store can live in, and the few SQL forms in which they differ. The
 * schema and nearly every statement are the same on both; what differs is said here, once.
 */
public enum Engine {
    /** The embedded default (and H2 servers reached with jdbc:h2:tcp:). */
    H2,
    /** A shared store for several hosts: several receivers, cron importers, admins. */
    POSTGRESQL;

    /** H2 error codes that mean "try again", not "you are wrong". */
    private static final Set<Integer> TRANSIENT_H2_CODES = Set.of(
            50200, // LOCK_TIMEOUT_1
            40001, // DEADLOCK_1
            90131  // CONCURRENT_UPDATE_1
    );
    /**
     * H2 error codes that mean the embedded store is not reachable as this process reached it:
     * the owning process closed it or went away, or H2 refused an open for the moment.
     */
    private static final Set<Integer> UNAVAILABLE_H2_CODES = Set.of(
            90067, // CONNECTION_BROKEN_1
            90121, // DATABASE_CALLED_AT_SHUTDOWN
            90098, // DATABASE_IS_CLOSED
            90020, // DATABASE_ALREADY_OPEN_1: held by a process with no auto-server (or not yet serving)
            8000   // ERROR_OPENING_DATABASE_1: "Lock file recently modified", "Concurrent update"
    );
    /**
     * PostgreSQL SQLSTATEs that mean "try again": serialization failure, deadlock detected, lock
     * not available (lock_timeout), and the server going away or refusing for the moment.
     */
    private static final Set<String> TRANSIENT_PG_STATES = Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03", "53300");
    /** Serialises migrations of one PostgreSQL database across processes (any fixed number). */
    private static final long MIGRATION_LOCK_KEY = 0x70617261736f6cL; // "parasol"

    /** The engine of a JDBC URL, or a one-line refusal naming what is supported. */
    public static Engine of(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new StoreException("--db " + Store.displayUrl(jdbcUrl)
                + ": unsupported store; use jdbc:h2:... or jdbc:postgresql://HOST[:PORT]/DATABASE", null);
    }

    /**
     * Inserts a row, or updates its other columns when a row with the same key exists. Every
     * column is a parameter, in {@code columns} order.
     */
    String upsert(String table, List<String> keyColumns, List<String> columns) {
        String params = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String cols = String.join(", ", columns);
        if (this == H2) {
            return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", keyColumns) + ") VALUES (" + params + ")";
        }
        String updates = columns.stream().filter(c -> !keyColumns.contains(c))
                .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + cols + ") VALUES (" + params + ") ON CONFLICT (" + String.join(", ", keyColumns)
                + ") DO UPDATE SET " + updates;
    }

    /** A query yielding {@code n} fresh values of a sequence, {@code n} its only parameter. */
    String nextValues(String sequence) {
        return this == H2
                ? "SELECT NEXT VALUE FOR " + sequence + " FROM SYSTEM_RANGE(1, ?)"
                : "SELECT nextval('" + sequence + "') FROM generate_series(1, ?)";
    }

    /**
     * A migration statement as this engine needs it. Domain names (every VARCHAR(253) column)
     * compare byte by byte on PostgreSQL, as Java's String order and H2 do: imports merge sorted
     * files against index range scans, which a locale's collation ("a-b" vs "ab") would break.
     */
    String migrationSql(String sql) {
        return this == POSTGRESQL ? sql.replace("VARCHAR(253)", "VARCHAR(253) COLLATE \"C\"") : sql;
    }

    /**
     * Makes long reads stream row by row instead of materialising their result first. H2 needs
     * a session setting; PostgreSQL streams any query with a fetch size inside a transaction.
     */
    void streamResults(Connection c, boolean on) throws SQLException {
        if (this == H2) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LAZY_QUERY_EXECUTION " + (on ? "TRUE" : "FALSE"));
            }
        }
    }

    /** Holds migrations of this database to one process at a time (PostgreSQL; H2 locks its file itself). */
    void lockForMigration(Connection c, boolean lock) throws SQLException {
        if (this == POSTGRESQL) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT " + (lock ? "pg_advisory_lock" : "pg_advisory_unlock") + "(" + MIGRATION_LOCK_KEY + ")");
            }
        }
    }

    /**
     * Whether a failed transaction may succeed if run again (conflicts with another process's
     * transaction, a server restarting). Work in a transaction must be safe to run again.
     */
    /** Whether {@code e} says the embedded store must be opened again (see {@code Store.inTransaction}). */
    boolean isStoreUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (this == H2 && t instanceof SQLException s && UNAVAILABLE_H2_CODES.contains(s.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                // 23505, a unique key taken meanwhile: two processes found a name absent and both
                // inserted it. Run again, the loser finds the winner's row and refreshes it instead.
                if ("40001".equals(state) || "23505".equals(state)) {
                    return true;
                }
                if (this == H2 && TRANSIENT_H2_CODES.contains(s.getErrorCode())) {
                    return true;
                }
                // 08xxx: the connection failed; the pool hands out a new one on the retry.
                if (this == POSTGRESQL && (TRANSIENT_PG_STATES.contains(state) || state.startsWith("08"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
