package dev.parasol.store;

import java.sql.Connection;

/** One open transaction and the repositories that work inside it. */
public final class Tx {
    private final Connection connection;

    Tx(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    public IntegrationRepository integrations() {
        return new IntegrationRepository(connection);
    }

    public ListRepository lists() {
        return new ListRepository(connection);
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
        return new FeedRepository(connection);
    }

    public ActivityRepository activity() {
        return new ActivityRepository(connection);
    }

    public SettingRepository settings() {
        return new SettingRepository(connection);
    }
}
