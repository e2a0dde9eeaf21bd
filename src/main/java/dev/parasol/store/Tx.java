package dev.parasol.store;

import java.sql.Connection;

/** One open transaction and the repositories that work inside it. */
public final class Tx {
    private final Connection connection;
    private final Engine engine;

    Tx(Connection connection, Engine engine) {
        this.connection = connection;
        this.engine = engine;
    }

    Connection connection() {
        return connection;
    }

    public IntegrationRepository integrations() {
        return new IntegrationRepository(connection);
    }

    public ListRepository lists() {
        return new ListRepository(connection, engine);
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
