package dev.parasol.store;

import dev.parasol.policy.Decision;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** Request activity: batched inserts, filtered searches, the report's aggregates, pruning. */
public final class ActivityRepository {
    private static final String INSERT = "INSERT INTO activity (id, occurred_at, identity_type, identity_value, client, domain, "
            + "domain_reversed, query_type, verdict, policy, categories, list_name, entry, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "a.id, a.occurred_at, a.identity_type, a.identity_value, a.client, a.domain, a.query_type, "
            + "a.verdict, a.policy, a.categories, a.list_name, a.entry, a.source";
    /** Stored category text; categories are display names, which never contain this separator. */
    private static final String CATEGORY_SEPARATOR = ", ";

    private final Connection c;
    private final Engine engine;

    ActivityRepository(Connection c, Engine engine) {
        this.c = c;
        this.engine = engine;
    }

    /**
     * Inserts the records, and their categories, as two JDBC batches. Ids are taken from the
     * activity_id sequence in one query for the whole batch.
     */
    public void insert(List<ActivityRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        long[] ids = nextIds(records.size());
        boolean anyCategories = false;
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < records.size(); i++) {
                ActivityRecord r = records.get(i);
                ps.setLong(1, ids[i]);
                bind(ps, r);
                ps.addBatch();
                anyCategories |= !r.categories().isEmpty();
            }
            ps.executeBatch();
        }
        if (!anyCategories) {
            return;
        }
        try (PreparedStatement cat = c.prepareStatement("INSERT INTO activity_category (activity_id, category, occurred_at) VALUES (?, ?, ?)")) {
            for (int i = 0; i < records.size(); i++) {
                ActivityRecord r = records.get(i);
                for (String category : r.categories()) {
                    cat.setLong(1, ids[i]);
                    cat.setString(2, category);
                    Sql.setInstant(cat, 3, r.time());
                    cat.addBatch();
                }
            }
            cat.executeBatch();
        }
    }

    private long[] nextIds(int n) throws SQLException {
        long[] ids = new long[n];
        try (PreparedStatement ps = c.prepareStatement(engine.nextValues("activity_id"))) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < n && rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }

    private static void bind(PreparedStatement ps, ActivityRecord r) throws SQLException {
        Sql.setInstant(ps, 2, r.time());
        ps.setString(3, r.identity().map(i -> i.type().label()).orElse(null));
        ps.setString(4, r.identity().map(Identity::value).orElse(null));
        ps.setString(5, r.client().orElse(null));
        ps.setString(6, r.domain().value());
        ps.setString(7, reversed(r.domain().value()));
        ps.setString(8, r.queryType());
        ps.setString(9, r.verdict().label());
        ps.setString(10, r.policy());
        ps.setString(11, String.join(CATEGORY_SEPARATOR, r.categories()));
        ps.setString(12, r.matched().map(Decision.Match::list).orElse(null));
        ps.setString(13, r.matched().map(Decision.Match::entry).orElse(null));
        ps.setString(14, r.source());
    }

    /** "www.example.com" is "com.example.www": a name's subdomains share its reversed prefix. */
    static String reversed(String domain) {
        String[] labels = domain.split("\\.");
        StringBuilder sb = new StringBuilder(domain.length());
        for (int i = labels.length - 1; i >= 0; i--) {
            sb.append(labels[i]);
            if (i > 0) {
                sb.append('.');
            }
        }
        return sb.toString();
    }

    /** Matching records, newest first. */
    public List<ActivityRecord> search(ActivityQuery q) throws SQLException {
        Where where = where(q.from(), q.to());
        q.category().ifPresent(cat -> {
            // The category table is small and indexed by (category, time): find the ids there.
            StringBuilder sub = new StringBuilder("a.id IN (SELECT activity_id FROM activity_category WHERE category = ?");
            where.params.add(cat);
            q.from().ifPresent(t -> {
                sub.append(" AND occurred_at >= ?");
                where.params.add(t);
            });
            q.to().ifPresent(t -> {
                sub.append(" AND occurred_at < ?");
                where.params.add(t);
            });
            where.and(sub.append(')').toString());
        });
        q.verdict().ifPresent(v -> where.and("a.verdict = ?", v.label()));
        q.identityType().ifPresent(t -> where.and("a.identity_type = ?", t));
        q.identityValue().ifPresent(v -> where.and("a.identity_value = ?", v));
        q.policy().ifPresent(p -> where.and("a.policy = ?", p));
        q.domainSuffix().ifPresent(d -> {
            String rev = reversed(d);
            where.and("(a.domain_reversed = ? OR a.domain_reversed LIKE ? ESCAPE '\\')", rev,
                    rev.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%");
        });
        String sql = "SELECT " + COLUMNS + " FROM activity a" + where.sql() + " ORDER BY a.occurred_at DESC, a.id DESC LIMIT ? OFFSET ?";
        where.params.add(q.limit());
        where.params.add(q.offset());
        List<ActivityRecord> out = new ArrayList<>();
        try (PreparedStatement ps = where.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    private static ActivityRecord read(ResultSet rs) throws SQLException {
        String type = rs.getString("identity_type");
        String value = rs.getString("identity_value");
        Optional<Identity> identity = type == null || value == null ? Optional.empty()
                : Optional.of(new Identity(IdentityType.fromLabel(type), value));
        String categories = rs.getString("categories");
        String list = rs.getString("list_name");
        String entry = rs.getString("entry");
        return new ActivityRecord(Sql.getInstant(rs, "occurred_at"), identity, Optional.ofNullable(rs.getString("client")),
                new DomainName(rs.getString("domain")), rs.getString("query_type"),
                Verdict.valueOf(rs.getString("verdict").toUpperCase(Locale.ROOT)), rs.getString("policy"),
                categories.isEmpty() ? List.of() : Arrays.asList(categories.split(CATEGORY_SEPARATOR)),
                list == null ? Optional.empty() : Optional.of(new Decision.Match(list, entry == null ? "" : entry)),
                rs.getString("source"));
    }

    /**
     * Streams the allowed requests that {@code policy} decided in the range, oldest first, for a
     * what-if re-evaluation; only the fields it needs are filled in.
     */
    public void forEachAllowed(String policy, Instant from, Instant to, Consumer<ActivityRecord> sink) throws SQLException {
        Where where = where(Optional.of(from), Optional.of(to));
        where.and("a.policy = ?", policy);
        where.and("a.verdict = ?", Verdict.ALLOWED.label());
        String sql = "SELECT " + COLUMNS + " FROM activity a" + where.sql() + " ORDER BY a.occurred_at, a.id";
        try (PreparedStatement ps = where.prepare(c, sql)) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        }
    }

    public ActivityCounts.Totals totals(Instant from, Instant to) throws SQLException {
        Where where = where(Optional.of(from), Optional.of(to));
        String sql = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN a.verdict = 'blocked' THEN 1 ELSE 0 END), 0), "
                + "COUNT(DISTINCT a.identity_value) FROM activity a" + where.sql();
        try (PreparedStatement ps = where.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new ActivityCounts.Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    public List<ActivityCounts.DomainCount> topBlockedDomains(Instant from, Instant to, int limit) throws SQLException {
        Where where = where(Optional.of(from), Optional.of(to));
        where.and("a.verdict = ?", Verdict.BLOCKED.label());
        String sql = "SELECT a.domain, COUNT(*) AS n FROM activity a" + where.sql() + " GROUP BY a.domain ORDER BY n DESC, a.domain LIMIT ?";
        where.params.add(limit);
        List<ActivityCounts.DomainCount> out = new ArrayList<>();
        try (PreparedStatement ps = where.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ActivityCounts.DomainCount(rs.getString(1), rs.getLong(2)));
            }
        }
        return out;
    }

    public List<ActivityCounts.IdentityCount> topIdentities(Instant from, Instant to, int limit) throws SQLException {
        Where where = where(Optional.of(from), Optional.of(to));
        String sql = "SELECT a.identity_type, a.identity_value, COUNT(*) AS n, SUM(CASE WHEN a.verdict = 'blocked' THEN 1 ELSE 0 END) AS b "
                + "FROM activity a" + where.sql() + " GROUP BY a.identity_type, a.identity_value ORDER BY b DESC, n DESC, a.identity_value LIMIT ?";
        where.params.add(limit);
        List<ActivityCounts.IdentityCount> out = new ArrayList<>();
        try (PreparedStatement ps = where.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String identity = rs.getString(1) == null ? "" : rs.getString(1) + ":" + rs.getString(2);
                out.add(new ActivityCounts.IdentityCount(identity, rs.getLong(3), rs.getLong(4)));
            }
        }
        return out;
    }

    /** Days are UTC days. */
    public List<ActivityCounts.DayCount> perDay(Instant from, Instant to) throws SQLException {
        Where where = where(Optional.of(from), Optional.of(to));
        String sql = "SELECT CAST(a.occurred_at AS DATE) AS d, COUNT(*), SUM(CASE WHEN a.verdict = 'blocked' THEN 1 ELSE 0 END) "
                + "FROM activity a" + where.sql() + " GROUP BY d ORDER BY d";
        List<ActivityCounts.DayCount> out = new ArrayList<>();
        try (PreparedStatement ps = where.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ActivityCounts.DayCount(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }

    public List<ActivityCounts.CategoryDayCount> categoryHitsPerDay(Instant from, Instant to) throws SQLException {
        Where where = where(Optional.of(from), Optional.of(to));
        String sql = "SELECT a.category, CAST(a.occurred_at AS DATE) AS d, COUNT(*) FROM activity_category a" + where.sql()
                + " GROUP BY a.category, d ORDER BY a.category, d";
        List<ActivityCounts.CategoryDayCount> out = new ArrayList<>();
        try (PreparedStatement ps = where.prepare(c, sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ActivityCounts.CategoryDayCount(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3)));
            }
        }
        return out;
    }

    /** Deletes up to {@code max} records older than {@code before}; returns how many went. */
    public int deleteOlderThan(Instant before, int max) throws SQLException {
        try (PreparedStatement cat = c.prepareStatement("DELETE FROM activity_category WHERE activity_id IN "
                + "(SELECT id FROM activity WHERE occurred_at < ? ORDER BY occurred_at FETCH FIRST ? ROWS ONLY)");
             PreparedStatement ps = c.prepareStatement("DELETE FROM activity WHERE id IN "
                     + "(SELECT id FROM activity WHERE occurred_at < ? ORDER BY occurred_at FETCH FIRST ? ROWS ONLY)")) {
            Sql.setInstant(cat, 1, before);
            cat.setInt(2, max);
            cat.executeUpdate();
            Sql.setInstant(ps, 1, before);
            ps.setInt(2, max);
            return ps.executeUpdate();
        }
    }

    public long count() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM activity"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A WHERE clause built from optional parts, with its parameters in order. */
    private static final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        void and(String condition, Object... values) {
            sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
            params.addAll(Arrays.asList(values));
        }

        String sql() {
            return sql.toString();
        }

        PreparedStatement prepare(Connection c, String statement) throws SQLException {
            PreparedStatement ps = c.prepareStatement(statement);
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i) instanceof Instant t) {
                    Sql.setInstant(ps, i + 1, t);
                } else {
                    ps.setObject(i + 1, params.get(i));
                }
            }
            return ps;
        }
    }

    private static Where where(Optional<Instant> from, Optional<Instant> to) {
        Where w = new Where();
        from.ifPresent(t -> w.and("a.occurred_at >= ?", t));
        to.ifPresent(t -> w.and("a.occurred_at < ?", t));
        return w;
    }
}
