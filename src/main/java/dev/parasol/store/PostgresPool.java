package dev.parasol.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * Opens a PostgreSQL store: a small HikariCP pool, so a receiver's requests and a shell's
 * commands do not pay a new connection (and its authentication) each. Kept apart from Store so
 * that the embedded default never loads the pool's or the driver's classes.
 *
 * <p>Credentials come from the URL ({@code ?user=...}) and, for the password, preferably from
 * {@code ~/.pgpass} or {@code PGPASSFILE}, which the driver reads itself: a password in the URL
 * shows in process lists and shell history.
 */
final class PostgresPool {
    private PostgresPool() {
    }

    /** An open pool: where connections come from, and how to close it. */
    record Opened(javax.sql.DataSource dataSource, AutoCloseable closer) {
    }

    static Opened open(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("parasol");
        config.setMaximumPoolSize(8);
        // A command-line run needs one connection; the receiver grows the pool as requests come.
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        // As H2's LOCK_TIMEOUT: a lock held longer than this fails the transaction, which Store
        // retries with backoff, instead of waiting behind it forever.
        config.setConnectionInitSql("SET lock_timeout = '10s'");
        // Batched INSERTs are sent as multi-row statements (activity blocks, refreshes; new list
        // entries go through COPY, ListRepository.copyEntries).
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "parasol");
        try {
            HikariDataSource dataSource = new HikariDataSource(config);
            return new Opened(dataSource, dataSource::close);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreException("cannot open the store " + Store.displayUrl(jdbcUrl) + ": "
                    + Store.firstLine(cause.getMessage()), e);
        }
    }
}
