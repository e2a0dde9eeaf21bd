package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Store-wide settings, such as the public base URL that integration URLs are built on. */
public final class SettingRepository {
    private final Connection c;

    SettingRepository(Connection c) {
        this.c = c;
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
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO setting (name, setting_value) KEY (name) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
