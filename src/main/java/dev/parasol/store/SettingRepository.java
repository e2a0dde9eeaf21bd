package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Store-wide settings, such as the public base URL that integration URLs are built on. */
public final class SettingRepository {
    private final Connection c;
    private final Engine engine;

    SettingRepository(Connection c, Engine engine) {
        this.c = c;
        this.engine = engine;
    }

    public Optional<String> get(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT setting_value FROM setting WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void put(String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(engine.upsert("setting", List.of("name"), List.of("name", "setting_value")))) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    /** Forgets a stored value: the setting falls back to its variable or default. */
    public void delete(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM setting WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }
}
