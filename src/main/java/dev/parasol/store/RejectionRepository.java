package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every value an import refused, with its reason, source, line and time. */
public final class RejectionRepository {
    private final Connection c;

    RejectionRepository(Connection c) {
        this.c = c;
    }

    public record StoredRejection(long id, String value, String reason, String source, long line, Instant at) {
    }

    /** {@code rows}: [line, reason, value] as the import spooled them. */
    public void insert(long integrationId, String source, Instant at, List<String[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rejected_indicator (integration_id, input_value, reason, source, line, rejected_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (String[] row : rows) {
                ps.setLong(1, integrationId);
                ps.setString(2, row.length > 2 ? row[2] : "");
                ps.setString(3, row[1]);
                ps.setString(4, source.length() > 500 ? source.substring(0, 500) : source);
                ps.setLong(5, Long.parseLong(row[0]));
                Sql.setInstant(ps, 6, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Newest first; {@code reasonPrefix} matches the start of the reason, case-insensitively. */
    public List<StoredRejection> search(long integrationId, Optional<String> reasonPrefix, int limit, long offset) throws SQLException {
        StringBuilder sql = new StringBuilder(
                "SELECT id, input_value, reason, source, line, rejected_at FROM rejected_indicator WHERE integration_id = ?");
        reasonPrefix.ifPresent(r -> sql.append(" AND LOWER(reason) LIKE ? ESCAPE '\\'"));
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        List<StoredRejection> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, integrationId);
            if (reasonPrefix.isPresent()) {
                String escaped = reasonPrefix.get().toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                ps.setString(i++, escaped + "%");
            }
            ps.setInt(i++, limit);
            ps.setLong(i, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredRejection(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            Sql.getInstant(rs, "rejected_at")));
                }
            }
        }
        return out;
    }
}
