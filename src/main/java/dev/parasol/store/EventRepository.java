package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events the receiver accepted, kept as sent. */
public final class EventRepository {
    private final Connection c;

    EventRepository(Connection c) {
        this.c = c;
    }

    public record ReceivedEvent(long id, Instant receivedAt, String json) {
    }

    public void insert(long integrationId, Instant at, List<String> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO received_event (integration_id, received_at, event_json) VALUES (?, ?, ?)")) {
            for (String e : events) {
                ps.setLong(1, integrationId);
                Sql.setInstant(ps, 2, at);
                ps.setString(3, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Newest first. */
    public List<ReceivedEvent> latest(long integrationId, int limit, long offset) throws SQLException {
        List<ReceivedEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, received_at, event_json FROM received_event WHERE integration_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")) {
            ps.setLong(1, integrationId);
            ps.setInt(2, limit);
            ps.setLong(3, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReceivedEvent(rs.getLong(1), Sql.getInstant(rs, "received_at"), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
