package dev.parasol.store;

import dev.parasol.policy.DestinationList;
import dev.parasol.policy.ListHit;
import dev.parasol.policy.ListKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Destination lists and their entries. */
public final class ListRepository {
    private static final String LIST_COLUMNS = "id, name, kind, is_global, integration_id";
    private static final String ENTRY_COLUMNS = "id, list_id, domain, comment, added_at, added_by, origin, last_seen_at, times_seen, last_source";
    private final Connection c;

    ListRepository(Connection c) {
        this.c = c;
    }

    public List<DestinationList> all() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LIST_COLUMNS + " FROM destination_list ORDER BY id")) {
            return lists(ps);
        }
    }

    public Optional<DestinationList> findByName(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LIST_COLUMNS + " FROM destination_list WHERE name_key = ?")) {
            ps.setString(1, key(name));
            return lists(ps).stream().findFirst();
        }
    }

    public Optional<DestinationList> findById(long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LIST_COLUMNS + " FROM destination_list WHERE id = ?")) {
            ps.setLong(1, id);
            return lists(ps).stream().findFirst();
        }
    }

    public DestinationList insert(String name, ListKind kind, Optional<Long> integrationId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO destination_list (name, name_key, kind, is_global, integration_id, created_at) VALUES (?, ?, ?, FALSE, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, key(name));
            ps.setString(3, kind.name());
            if (integrationId.isPresent()) {
                ps.setLong(4, integrationId.get());
            } else {
                ps.setNull(4, Types.BIGINT);
            }
            Sql.setInstant(ps, 5, at);
            ps.executeUpdate();
            return new DestinationList(Sql.generatedId(ps), name, kind, false, integrationId);
        }
    }

    public void delete(long listId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM destination_list WHERE id = ?")) {
            ps.setLong(1, listId);
            ps.executeUpdate();
        }
    }

    public Map<Long, Long> entryCounts() throws SQLException {
        Map<Long, Long> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT list_id, COUNT(*) FROM list_entry GROUP BY list_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return counts;
    }

    public long countEntries(long listId, EntryQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM list_entry WHERE list_id = ?");
        List<Object> params = entryFilter(listId, q, sql);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Entries newest first, then by name, filtered and paged. */
    public List<ListEntry> entries(long listId, EntryQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + ENTRY_COLUMNS + " FROM list_entry WHERE list_id = ?");
        List<Object> params = entryFilter(listId, q, sql);
        sql.append(" ORDER BY added_at DESC, domain LIMIT ? OFFSET ?");
        params.add(q.limit());
        params.add(q.offset());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            return entryRows(ps);
        }
    }

    private static List<Object> entryFilter(long listId, EntryQuery q, StringBuilder sql) {
        List<Object> params = new ArrayList<>();
        params.add(listId);
        q.contains().ifPresent(text -> {
            sql.append(" AND domain LIKE ? ESCAPE '\\'");
            params.add(Sql.likeContains(text.toLowerCase(Locale.ROOT)));
        });
        q.addedSince().ifPresent(t -> {
            sql.append(" AND added_at >= ?");
            params.add(t);
        });
        return params;
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Instant t) {
                Sql.setInstant(ps, i + 1, t);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    public Optional<ListEntry> findEntry(long listId, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM list_entry WHERE list_id = ? AND domain = ?")) {
            ps.setLong(1, listId);
            ps.setString(2, domain);
            return entryRows(ps).stream().findFirst();
        }
    }

    public void insertEntry(long listId, String domain, Optional<String> comment, Instant at, String by, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO list_entry (list_id, domain, comment, added_at, added_by, origin, last_seen_at, last_source) VALUES (?, ?, ?, ?, ?, ?, ?, 'admin')")) {
            ps.setLong(1, listId);
            ps.setString(2, domain);
            ps.setString(3, comment.orElse(null));
            Sql.setInstant(ps, 4, at);
            ps.setString(5, by);
            ps.setString(6, origin);
            Sql.setInstant(ps, 7, at);
            ps.executeUpdate();
        }
    }

    /** Inserts names known to be absent from the list, as one JDBC batch. */
    public void insertEntries(long listId, Collection<String> domains, Instant at, String by, String origin, String source)
            throws SQLException {
        if (domains.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO list_entry (list_id, domain, comment, added_at, added_by, origin, last_seen_at, last_source) "
                        + "VALUES (?, ?, NULL, ?, ?, ?, ?, ?)")) {
            for (String d : domains) {
                ps.setLong(1, listId);
                ps.setString(2, d);
                Sql.setInstant(ps, 3, at);
                ps.setString(4, by);
                ps.setString(5, origin);
                Sql.setInstant(ps, 6, at);
                ps.setString(7, source);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The names the list holds between {@code from} and {@code to} inclusive, with their row ids:
     * one range scan of the (list_id, domain) index, which is how a sorted import batch learns
     * what is new (and can then refresh the known rows by primary key).
     */
    public Map<String, Long> entriesInRange(long listId, String from, String to) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT domain, id FROM list_entry WHERE list_id = ? AND domain >= ? AND domain <= ?")) {
            ps.setLong(1, listId);
            ps.setString(2, from);
            ps.setString(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return found;
    }

    /**
     * The given names the list holds, with their row ids: one index probe per name. For small
     * batches, whose names spread over the whole key range (an HTTP request of 100 events).
     */
    public Map<String, Long> entriesNamed(long listId, List<String> names) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        // No list_id in the WHERE clause on purpose: given "list_id = ? AND domain IN (...)", H2
        // probes only the list_id prefix of the composite index and scans the whole list; the
        // single-column domain index answers the IN list with one probe per name.
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT domain, id, list_id FROM list_entry WHERE domain IN (" + placeholders(names.size()) + ")")) {
            for (int i = 0; i < names.size(); i++) {
                ps.setString(i + 1, names.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(3) == listId) {
                        found.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return found;
    }

    /** Rows a feed sent again (by id): last seen, times seen and last source refreshed, as one JDBC batch. */
    public void refreshEntries(Collection<Long> entryIds, Instant at, String source) throws SQLException {
        if (entryIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE list_entry SET last_seen_at = ?, times_seen = times_seen + 1, last_source = ? WHERE id = ?")) {
            for (Long id : entryIds) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, source);
                ps.setLong(3, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Remembers a deleted entry so that, if a feed sends it again, the audit log says "re-added". */
    public void rememberDeleted(long listId, String domain, Instant at, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO deleted_entry (list_id, domain, deleted_at, deleted_by) KEY (list_id, domain) VALUES (?, ?, ?, ?)")) {
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

    public Optional<ListEntry> findEntryById(long listId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM list_entry WHERE list_id = ? AND id = ?")) {
            ps.setLong(1, listId);
            ps.setLong(2, id);
            return entryRows(ps).stream().findFirst();
        }
    }

    /** Entries in id order (the Enforcement API's paging order), {@code limit} from {@code offset}. */
    public List<ListEntry> entriesById(long listId, int limit, long offset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + ENTRY_COLUMNS + " FROM list_entry WHERE list_id = ? ORDER BY id LIMIT ? OFFSET ?")) {
            ps.setLong(1, listId);
            ps.setInt(2, limit);
            ps.setLong(3, offset);
            return entryRows(ps);
        }
    }

    public boolean deleteEntry(long listId, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM list_entry WHERE list_id = ? AND domain = ?")) {
            ps.setLong(1, listId);
            ps.setString(2, domain);
            return ps.executeUpdate() > 0;
        }
    }

    /** Every list entry equal to one of {@code names} (a name and its parents), over all lists. */
    public List<ListHit> lookup(List<String> names) throws SQLException {
        List<ListHit> hits = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT list_id, domain FROM list_entry WHERE domain IN (" + placeholders(names.size()) + ")")) {
            for (int i = 0; i < names.size(); i++) {
                ps.setString(i + 1, names.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hits.add(new ListHit(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return hits;
    }

    /** Streams (list id, entry) for the given lists without materialising them. */
    public void forEachEntry(Collection<Long> listIds, BiConsumer<Long, String> sink) throws SQLException {
        if (listIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT list_id, domain FROM list_entry WHERE list_id IN (" + placeholders(listIds.size()) + ")")) {
            bindLongs(ps, listIds);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getLong(1), rs.getString(2));
                }
            }
        }
    }

    /**
     * The distinct names of the given lists in name order, streamed: each list is read in the
     * order of its (list_id, domain) index and the lists are merged here, so nothing is sorted
     * and no list is held in memory.
     */
    public void forEachDistinctDomain(Collection<Long> listIds, Consumer<String> sink) throws SQLException {
        if (listIds.isEmpty()) {
            return;
        }
        // Without lazy execution H2 copies a whole result (a million rows) into a temporary
        // result before returning its first row: five times slower than streaming it.
        try (Statement st = c.createStatement()) {
            st.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
        record Cursor(ResultSet rows, String head) {
        }
        List<PreparedStatement> statements = new ArrayList<>();
        try {
            PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.comparing(Cursor::head));
            for (Long listId : listIds) {
                // "ORDER BY list_id, domain" (not just domain) lets H2 see that the index already
                // yields this order.
                PreparedStatement ps = c.prepareStatement("SELECT domain FROM list_entry WHERE list_id = ? ORDER BY list_id, domain");
                statements.add(ps);
                ps.setLong(1, listId);
                ps.setFetchSize(10_000);
                ResultSet rs = ps.executeQuery();
                if (rs.next()) {
                    heads.add(new Cursor(rs, rs.getString(1)));
                }
            }
            String last = null;
            while (!heads.isEmpty()) {
                Cursor smallest = heads.poll();
                if (!smallest.head().equals(last)) {
                    last = smallest.head();
                    sink.accept(last);
                }
                if (smallest.rows().next()) {
                    heads.add(new Cursor(smallest.rows(), smallest.rows().getString(1)));
                }
            }
        } finally {
            for (PreparedStatement ps : statements) {
                ps.close();
            }
            try (Statement st = c.createStatement()) {
                st.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
    }

    public long countEntries(Collection<Long> listIds) throws SQLException {
        if (listIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM list_entry WHERE list_id IN (" + placeholders(listIds.size()) + ")")) {
            bindLongs(ps, listIds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static void bindLongs(PreparedStatement ps, Collection<Long> values) throws SQLException {
        int i = 1;
        for (Long v : values) {
            ps.setLong(i++, v);
        }
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static List<DestinationList> lists(PreparedStatement ps) throws SQLException {
        List<DestinationList> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long integrationId = rs.getLong("integration_id");
                Optional<Long> integration = rs.wasNull() ? Optional.empty() : Optional.of(integrationId);
                out.add(new DestinationList(rs.getLong("id"), rs.getString("name"), ListKind.valueOf(rs.getString("kind")),
                        rs.getBoolean("is_global"), integration));
            }
        }
        return out;
    }

    private static List<ListEntry> entryRows(PreparedStatement ps) throws SQLException {
        List<ListEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ListEntry(rs.getLong("id"), rs.getLong("list_id"), rs.getString("domain"),
                        Optional.ofNullable(rs.getString("comment")), Sql.getInstant(rs, "added_at"),
                        rs.getString("added_by"), rs.getString("origin"), Sql.getInstant(rs, "last_seen_at"),
                        rs.getLong("times_seen"), Optional.ofNullable(rs.getString("last_source"))));
            }
        }
        return out;
    }
}
