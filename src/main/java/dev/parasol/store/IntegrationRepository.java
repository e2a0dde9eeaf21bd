package dev.parasol.store;

import dev.parasol.policy.Integration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class IntegrationRepository {
    private static final String COLUMNS = "id, name, display_name, enabled, customer_key, list_id, created_at";
    private final Connection c;

    IntegrationRepository(Connection c) {
        this.c = c;
    }

    public List<Integration> all() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM integration ORDER BY name")) {
            return list(ps);
        }
    }

    public Optional<Integration> findByName(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM integration WHERE name = ?")) {
            ps.setString(1, name);
            return list(ps).stream().findFirst();
        }
    }

    public Optional<Integration> findById(long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM integration WHERE id = ?")) {
            ps.setLong(1, id);
            return list(ps).stream().findFirst();
        }
    }

    public Integration insert(String name, String displayName, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO integration (name, display_name, enabled, created_at) VALUES (?, ?, FALSE, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, displayName);
            Sql.setInstant(ps, 3, at);
            ps.executeUpdate();
            return new Integration(Sql.generatedId(ps), name, displayName, false, Optional.empty(), Optional.empty(), at);
        }
    }

    public void update(Integration i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE integration SET enabled = ?, customer_key = ?, list_id = ? WHERE id = ?")) {
            ps.setBoolean(1, i.enabled());
            ps.setString(2, i.customerKey().orElse(null));
            if (i.listId().isPresent()) {
                ps.setLong(3, i.listId().get());
            } else {
                ps.setNull(3, Types.BIGINT);
            }
            ps.setLong(4, i.id());
            ps.executeUpdate();
        }
    }

    private static List<Integration> list(PreparedStatement ps) throws SQLException {
        List<Integration> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long listId = rs.getLong("list_id");
                Optional<Long> list = rs.wasNull() ? Optional.empty() : Optional.of(listId);
                out.add(new Integration(rs.getLong("id"), rs.getString("name"), rs.getString("display_name"),
                        rs.getBoolean("enabled"), Optional.ofNullable(rs.getString("customer_key")), list,
                        Sql.getInstant(rs, "created_at")));
            }
        }
        return out;
    }
}
