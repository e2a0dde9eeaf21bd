package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** One open transaction and the repositories that work inside it. */
public final class Tx {
    private final Connection connection;
    private final Engine engine;
    /**
     * What the transaction keeps about lists: changes to entry counts, written just before the
     * commit (the list's row is then locked for the commit only, not for a whole import, so
     * receivers adding to the same list meanwhile do not wait behind a long import), and the
     * entry runs it read and wrote.
     */
    private final ListWrites listWrites = new ListWrites();

    Tx(Connection connection, Engine engine) {
        this.connection = connection;
        this.engine = engine;
    }

    Connection connection() {
        return connection;
    }

    /** Writes what the transaction keeps until its end; Store calls it right before the commit. */
    void beforeCommit() throws SQLException {
        checkAdditionsUnique();
        Map<Long, Long> pendingCounts = listWrites.pendingCounts;
        if (pendingCounts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("UPDATE destination_list SET entry_count = entry_count + ? WHERE id = ?")) {
            // In id order, so two transactions counting into the same lists lock them in one order.
            for (Map.Entry<Long, Long> e : new java.util.TreeMap<>(pendingCounts).entrySet()) {
                if (e.getValue() != 0) {
                    ps.setLong(1, e.getValue());
                    ps.setLong(2, e.getKey());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        pendingCounts.clear();
    }

    /** Names added to a list are checked against additions other transactions committed meanwhile (V10__entry_runs.sql). */
    private void checkAdditionsUnique() throws SQLException {
        EntryRuns runs = new EntryRuns(connection, listWrites);
        for (Long listId : listWrites.listsAddedTo()) {
            runs.checkAdditionsUnique(listId);
        }
    }

    public IntegrationRepository integrations() {
        return new IntegrationRepository(connection);
    }

    public ListRepository lists() {
        return new ListRepository(connection, engine, listWrites);
    }

    public MembershipRepository membership() {
        return new MembershipRepository(connection, engine, listWrites);
    }

    public FeedSourceRepository feedSources() {
        return new FeedSourceRepository(connection);
    }

    public DeletedEntryRepository deletedEntries() {
        return new DeletedEntryRepository(connection, engine);
    }

    public PolicyRepository policies() {
        return new PolicyRepository(connection);
    }

    public AuditRepository audit() {
        return new AuditRepository(connection);
    }

    public RejectionRepository rejections() {
        return new RejectionRepository(connection);
    }

    public SafeguardRepository safeguards() {
        return new SafeguardRepository(connection);
    }

    public EventRepository events() {
        return new EventRepository(connection);
    }

    public FeedRepository feeds() {
        return new FeedRepository(connection, engine);
    }

    public ActivityRepository activity() {
        return new ActivityRepository(connection);
    }

    public SettingRepository settings() {
        return new SettingRepository(connection, engine);
    }
}
