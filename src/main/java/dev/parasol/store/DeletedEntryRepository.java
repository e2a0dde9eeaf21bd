package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Names deleted from lists, remembered so that one a feed sends again is audited as re-added. */
public final class DeletedEntryRepository {
    private final Connection c;
    private final Engine engine;

    DeletedEntryRepository(Connection c, Engine engine) {
        this.c = c;
        this.engine = engine;
    }

    /** Remembers a deleted entry so that, if a feed sends it again, the audit log says "re-added". */
    public void rememberDeleted(long listId, String domain, Instant at, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(engine.upsert("deleted_entry",
                List.of("list_id", "domain"), List.of("list_id", "domain", "deleted_at", "deleted_by")))) {
            ps.setLong(1, listId);
            ps.setString(2, domain);
            Sql.setInstant(ps, 3, at);
            ps.setString(4, by);
            ps.executeUpdate();
        }
    }

    public void forgetDeleted(long listId, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM deleted_entry WHERE list_id = ? AND domain = ?")) {
            ps.setLong(1, listId);
            ps.setString(2, domain);
            ps.executeUpdate();
        }
    }

    /** Deleted names of the list between {@code from} and {@code to} inclusive (one primary-key range scan). */
    public Set<String> deletedInRange(long listId, String from, String to) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT domain FROM deleted_entry WHERE list_id = ? AND domain >= ? AND domain <= ?")) {
            ps.setLong(1, listId);
            ps.setString(2, from);
            ps.setString(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
