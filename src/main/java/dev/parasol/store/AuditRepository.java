package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

public final class AuditRepository {
    /** Ids listed in one IN clause (a name in a daily feed for years is in thousands of imports). */
    private static final int IDS_PER_CLAUSE = 500;
    private final Connection c;

    AuditRepository(Connection c) {
        this.c = c;
    }

    /** Appends a record; returns its id. */
    public long append(Instant at, String actor, String action, String type, String object,
                       Optional<String> before, Optional<String> after, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (logged_at, actor, action, object_type, object_name, before_json, after_json, origin) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            Sql.setInstant(ps, 1, at);
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, type);
            ps.setString(5, object);
            ps.setString(6, before.orElse(null));
            ps.setString(7, after.orElse(null));
            ps.setString(8, origin);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Keeps the names record {@code auditId} touched, so a search for any one of them finds it. */
    public void appendNames(long auditId, AuditedNames names) throws SQLException {
        List<AuditedNames.Block> blocks = names.blocks();
        if (blocks.isEmpty()) {
            return;
        }
        try (PreparedStatement block = c.prepareStatement(
                "INSERT INTO audit_name_block (audit_id, first_name, last_name) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
             PreparedStatement stored = c.prepareStatement("INSERT INTO audit_name_block_names (block_id, names) VALUES (?, ?)")) {
            for (AuditedNames.Block b : blocks) {
                block.setLong(1, auditId);
                block.setString(2, b.first());
                block.setString(3, b.last());
                block.executeUpdate();
                try (ResultSet keys = block.getGeneratedKeys()) {
                    keys.next();
                    stored.setLong(1, keys.getLong(1));
                }
                stored.setBytes(2, b.names());
                stored.addBatch();
            }
            stored.executeBatch();
        }
    }

    /**
     * The records whose kept names hold exactly {@code name} (lowercase, as stored): each block
     * whose range holds the name is searched, one block of each import at most.
     */
    List<Long> touching(String name) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT b.audit_id, n.names FROM audit_name_block b JOIN audit_name_block_names n ON n.block_id = b.id "
                        + "WHERE b.first_name <= ? AND b.last_name >= ?")) {
            ps.setString(1, name);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (RunNames.read(rs.getBytes(2)).find(name) >= 0) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        }
        return ids;
    }

    /**
     * Matching records, newest first. User, action and type match case-insensitively; the object
     * text matches object names containing it, and the records of imports that touched exactly
     * that name.
     */
    public List<AuditRecord> search(AuditQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder(
                "SELECT id, logged_at, actor, action, object_type, object_name, before_json, after_json, origin FROM audit_log WHERE 1=1");
        List<Object> params = new ArrayList<>();
        q.user().ifPresent(u -> {
            sql.append(" AND LOWER(actor) = ?");
            params.add(u.toLowerCase(Locale.ROOT));
        });
        q.action().ifPresent(a -> {
            sql.append(" AND action = ?");
            params.add(a.toLowerCase(Locale.ROOT));
        });
        q.type().ifPresent(t -> {
            sql.append(" AND object_type = ?");
            params.add(t.toLowerCase(Locale.ROOT));
        });
        if (q.objectContains().isPresent()) {
            String o = q.objectContains().get().strip().toLowerCase(Locale.ROOT);
            List<Long> touched = touching(o.endsWith(".") ? o.substring(0, o.length() - 1) : o);
            sql.append(" AND (LOWER(object_name) LIKE ? ESCAPE '\\'");
            params.add(Sql.likeContains(o));
            for (int i = 0; i < touched.size(); i += IDS_PER_CLAUSE) {
                List<Long> some = touched.subList(i, Math.min(touched.size(), i + IDS_PER_CLAUSE));
                sql.append(" OR id IN (").append("?, ".repeat(some.size() - 1)).append("?)");
                params.addAll(some);
            }
            sql.append(")");
        }
        q.from().ifPresent(t -> {
            sql.append(" AND logged_at >= ?");
            params.add(t);
        });
        q.to().ifPresent(t -> {
            sql.append(" AND logged_at < ?");
            params.add(t);
        });
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        params.add(q.limit());
        params.add(q.offset());
        List<AuditRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i) instanceof Instant t) {
                    Sql.setInstant(ps, i + 1, t);
                } else {
                    ps.setObject(i + 1, params.get(i));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
        }
        return out;
    }

    public Optional<AuditRecord> findById(long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, logged_at, actor, action, object_type, object_name, before_json, after_json, origin FROM audit_log WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        }
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong(1), Sql.getInstant(rs, "logged_at"), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), Optional.ofNullable(rs.getString(7)),
                Optional.ofNullable(rs.getString(8)), rs.getString(9));
    }
}
