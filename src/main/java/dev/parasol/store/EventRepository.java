package dev.parasol.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parasol.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Requests of events the receiver accepted, kept as sent, with which of their events were refused (V11). */
public final class EventRepository {
    private final Connection c;

    EventRepository(Connection c) {
        this.c = c;
    }

    /**
     * One request. {@code refusedJson}: a JSON object from an event's 1-based place to the reason it
     * was refused; empty when none was (and for requests stored before V11).
     */
    public record ReceivedEvent(long id, Optional<String> requestId, Instant receivedAt, String json, Optional<String> refusedJson) {
    }

    /** {@code eventsJson}: the request's events as one JSON array; {@code refused}: place to reason. */
    public void insert(long integrationId, Instant at, String requestId, String eventsJson, Map<Integer, String> refused)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO received_event (integration_id, received_at, event_json, request_id, refused_json) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, integrationId);
            Sql.setInstant(ps, 2, at);
            ps.setString(3, eventsJson);
            ps.setString(4, requestId);
            if (refused.isEmpty()) {
                ps.setNull(5, Types.VARCHAR);
            } else {
                ps.setString(5, toJson(refused));
            }
            ps.executeUpdate();
        }
    }

    /** Newest first. */
    public List<ReceivedEvent> latest(long integrationId, int limit, long offset) throws SQLException {
        List<ReceivedEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, request_id, received_at, event_json, refused_json FROM received_event"
                + " WHERE integration_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")) {
            ps.setLong(1, integrationId);
            ps.setInt(2, limit);
            ps.setLong(3, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReceivedEvent(rs.getLong(1), Optional.ofNullable(rs.getString(2)), Sql.getInstant(rs, "received_at"),
                            rs.getString(4), Optional.ofNullable(rs.getString(5))));
                }
            }
        }
        return out;
    }

    private static String toJson(Map<Integer, String> refused) throws SQLException {
        try {
            return Json.mapper().writeValueAsString(refused);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot encode the refused events", e);
        }
    }
}
