package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Popular domains the admin loaded (on top of the built-in list) that feeds may never block. */
public final class SafeguardRepository {
    private final Connection c;

    SafeguardRepository(Connection c) {
        this.c = c;
    }

    public Set<String> all() throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT domain FROM safeguard_domain");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Those of {@code names} that are safeguarded: a lookup for small inputs, which need not load them all. */
    public Set<String> among(Collection<String> names) throws SQLException {
        Set<String> out = new HashSet<>();
        List<String> all = new ArrayList<>(names);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT domain FROM safeguard_domain WHERE domain IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    public long count() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM safeguard_domain"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Adds names (already normalised); returns how many were new. */
    public long add(Collection<String> domains, String source, Instant at) throws SQLException {
        Set<String> existing = all();
        long added = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO safeguard_domain (domain, source, added_at) VALUES (?, ?, ?)")) {
            for (String d : domains) {
                if (existing.add(d)) {
                    ps.setString(1, d);
                    ps.setString(2, source);
                    Sql.setInstant(ps, 3, at);
                    ps.addBatch();
                    added++;
                }
            }
            ps.executeBatch();
        }
        return added;
    }

    public void clear() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM safeguard_domain")) {
            ps.executeUpdate();
        }
    }
}
