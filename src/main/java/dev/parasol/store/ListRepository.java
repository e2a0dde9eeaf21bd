package dev.parasol.store;

import dev.parasol.policy.DestinationList;
import dev.parasol.policy.ListHit;
import dev.parasol.policy.ListKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
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
    /**
     * An entry as readers see it: for an entry whose sightings a feed source carries (see
     * V4__bulk_import.sql), last seen, times seen and last source come from that source.
     */
    private static final String ENTRY_SELECT = "SELECT e.id, e.list_id, e.domain, e.comment, e.added_at, e.added_by, e.origin, "
            + "COALESCE(f.last_seen_at, e.last_seen_at) AS last_seen_at, "
            + "e.times_seen + COALESCE(f.generation - e.carried_since, 0) AS times_seen, "
            + "COALESCE(f.name, e.last_source) AS last_source "
            + "FROM list_entry e LEFT JOIN feed_source f ON f.id = e.carried_by";
    /** Times seen so far of the row being updated, carried sightings included. */
    private static final String TIMES_SEEN_SO_FAR = "times_seen + COALESCE("
            + "(SELECT f.generation FROM feed_source f WHERE f.id = list_entry.carried_by) - carried_since, 0)";
    private final Connection c;
    private final Engine engine;
    /** This transaction's changes to entry counts, by list id, written at its end (Tx.beforeCommit). */
    private final Map<Long, Long> pendingCounts;

    ListRepository(Connection c, Engine engine, Map<Long, Long> pendingCounts) {
        this.c = c;
        this.engine = engine;
        this.pendingCounts = pendingCounts;
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

    /** Entries per list, as kept in destination_list.entry_count (V8__entry_counts.sql). */
    public Map<Long, Long> entryCounts() throws SQLException {
        Map<Long, Long> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, entry_count FROM destination_list");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getLong(1), rs.getLong(2) + pendingCounts.getOrDefault(rs.getLong(1), 0L));
            }
        }
        return counts;
    }

    public long countEntries(long listId, EntryQuery q) throws SQLException {
        if (q.contains().isEmpty() && q.addedSince().isEmpty()) {
            return countEntries(List.of(listId));
        }
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM list_entry e WHERE e.list_id = ?");
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
        StringBuilder sql = new StringBuilder(ENTRY_SELECT + " WHERE e.list_id = ?");
        List<Object> params = entryFilter(listId, q, sql);
        sql.append(" ORDER BY e.added_at DESC, e.domain LIMIT ? OFFSET ?");
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
            sql.append(" AND e.domain LIKE ? ESCAPE '\\'");
            params.add(Sql.likeContains(text.toLowerCase(Locale.ROOT)));
        });
        q.addedSince().ifPresent(t -> {
            sql.append(" AND e.added_at >= ?");
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
        try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + " WHERE e.list_id = ? AND e.domain = ?")) {
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
        adjustCount(listId, 1);
    }

    /**
     * Keeps destination_list.entry_count equal to the list's entries: every statement that adds
     * or removes entries calls this; the transaction writes the sum just before it commits.
     */
    private void adjustCount(long listId, long delta) {
        pendingCounts.merge(listId, delta, Long::sum);
    }

    /**
     * Inserts names known to be absent from the list, as one JDBC batch; {@code carry} names the
     * feed source that carries their sightings from now on, if any.
     */
    public void insertEntries(long listId, Collection<String> domains, Instant at, String by, String origin, String source,
                              Optional<Carry> carry) throws SQLException {
        if (domains.isEmpty()) {
            return;
        }
        if (engine == Engine.POSTGRESQL) {
            copyEntries(listId, domains, at, by, origin, source, carry);
            adjustCount(listId, domains.size());
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO list_entry (list_id, domain, comment, added_at, added_by, origin, last_seen_at, last_source, "
                        + "carried_by, carried_since) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)")) {
            for (String d : domains) {
                ps.setLong(1, listId);
                ps.setString(2, d);
                Sql.setInstant(ps, 3, at);
                ps.setString(4, by);
                ps.setString(5, origin);
                Sql.setInstant(ps, 6, at);
                ps.setString(7, source);
                setCarry(ps, 8, carry);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        adjustCount(listId, domains.size());
    }

    /**
     * PostgreSQL's COPY for the same rows: the server parses one stream instead of planning and
     * executing a statement per row (the first 1M import spent two thirds of its time waiting on
     * those). Same transaction, same constraints, so a name another process added meanwhile
     * fails the batch with a unique violation, which the store retries like any conflict.
     */
    private void copyEntries(long listId, Collection<String> domains, Instant at, String by, String origin, String source,
                             Optional<Carry> carry) throws SQLException {
        String time = java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC).toString();
        String rest = '\t' + time + '\t' + copyText(by) + '\t' + copyText(origin) + '\t' + time + '\t' + copyText(source) + '\t'
                + carry.map(k -> k.sourceId() + "\t" + k.generation()).orElse("\\N\t\\N") + '\n';
        StringBuilder rows = new StringBuilder(domains.size() * (24 + rest.length()));
        for (String d : domains) {
            rows.append(listId).append('\t').append(copyText(d)).append(rest);
        }
        try {
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(
                    "COPY list_entry (list_id, domain, added_at, added_by, origin, last_seen_at, last_source, carried_by, carried_since) "
                            + "FROM STDIN", new java.io.StringReader(rows.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into list_entry failed: " + e.getMessage(), "08006", e);
        }
    }

    /** A value in COPY's text format: backslash, tab and line breaks escaped. */
    private static String copyText(String value) {
        if (value == null) {
            return "\\N";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            String escape = switch (ch) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escape != null && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null && escape != null) {
                out.append(escape);
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? value : out.toString();
    }

    /** The feed source and generation that carry an entry's sightings. */
    public record Carry(long sourceId, long generation) {
    }

    /** A stored entry as an import sees it: its row id and the feed source carrying it (0 for none). */
    public record StoredEntry(long id, long carriedBy) {
    }

    /**
     * The names the list holds between {@code from} and {@code to} inclusive: one range scan of
     * the (list_id, domain) index, which is how a sorted import batch learns what is new.
     */
    public Map<String, StoredEntry> entriesInRange(long listId, String from, String to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT domain, id, carried_by FROM list_entry WHERE list_id = ? AND domain >= ? AND domain <= ?")) {
            ps.setLong(1, listId);
            ps.setString(2, from);
            ps.setString(3, to);
            return storedEntries(ps);
        }
    }

    /**
     * The given names the list holds: one probe of the (list_id, domain) index per name. For
     * small batches, whose names spread over the whole key range (an HTTP request of 100 events).
     */
    public Map<String, StoredEntry> entriesNamed(long listId, List<String> names) throws SQLException {
        if (names.isEmpty()) {
            return new HashMap<>();
        }
        // A join with UNNEST, not "list_id = ? AND domain IN (...)": given the IN list, H2 probes
        // only the list_id prefix of the composite index and scans the whole list; joined, it
        // probes (list_id, domain) once per name.
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT e.domain, e.id, e.carried_by FROM UNNEST(?) AS k(d) JOIN list_entry e ON e.list_id = ? AND e.domain = k.d")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", names.toArray()));
            ps.setLong(2, listId);
            return storedEntries(ps);
        }
    }

    private static Map<String, StoredEntry> storedEntries(PreparedStatement ps) throws SQLException {
        Map<String, StoredEntry> found = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.put(rs.getString(1), new StoredEntry(rs.getLong(2), rs.getLong(3)));
            }
        }
        return found;
    }

    /**
     * Rows a feed sent again (by id): times seen counted up (carried sightings included), last
     * seen and last source set, as one JDBC batch. With {@code carry}, that source carries their
     * sightings from now on; without, they hold plain values again.
     */
    public void refreshEntries(Collection<Long> entryIds, Instant at, String source, Optional<Carry> carry) throws SQLException {
        if (entryIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE list_entry SET times_seen = " + TIMES_SEEN_SO_FAR + " + 1, last_seen_at = ?, last_source = ?, "
                        + "carried_by = ?, carried_since = ? WHERE id = ?")) {
            for (Long id : entryIds) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, source);
                setCarry(ps, 3, carry);
                ps.setLong(5, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setCarry(PreparedStatement ps, int index, Optional<Carry> carry) throws SQLException {
        if (carry.isPresent()) {
            ps.setLong(index, carry.get().sourceId());
            ps.setLong(index + 1, carry.get().generation());
        } else {
            ps.setNull(index, Types.BIGINT);
            ps.setNull(index + 1, Types.BIGINT);
        }
    }

    /** A feed source of a list as an import starts: the generation this import is, and what came before. */
    public record FeedGeneration(long sourceId, long generation, Optional<Instant> previousSeenAt, long carriedBefore) {
    }

    /**
     * Starts the next import of {@code source} into the list: counts its generation up and sets
     * its last seen time. Locks the source's row, so two imports of one source take turns.
     */
    public FeedGeneration nextFeedGeneration(long listId, String source, Instant at) throws SQLException {
        Optional<FeedGeneration> known = advanceFeed(listId, source, at);
        if (known.isPresent()) {
            return known.get();
        }
        // First import of this source. Another process may be creating the same row: it then
        // holds the key until it commits, and this insert fails as a duplicate once it has.
        Savepoint beforeInsert = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO feed_source (list_id, name, generation, last_seen_at, carried_entries) VALUES (?, ?, 1, ?, 0)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, listId);
            ps.setString(2, source);
            Sql.setInstant(ps, 3, at);
            ps.executeUpdate();
            return new FeedGeneration(Sql.generatedId(ps), 1, Optional.empty(), 0);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(beforeInsert);
            return advanceFeed(listId, source, at).orElseThrow(() -> e);
        }
    }

    private Optional<FeedGeneration> advanceFeed(long listId, String source, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, generation, last_seen_at, carried_entries FROM feed_source WHERE list_id = ? AND name = ? FOR UPDATE")) {
            ps.setLong(1, listId);
            ps.setString(2, source);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                FeedGeneration next = new FeedGeneration(rs.getLong(1), rs.getLong(2) + 1,
                        Optional.of(Sql.getInstant(rs, "last_seen_at")), rs.getLong(4));
                try (PreparedStatement up = c.prepareStatement("UPDATE feed_source SET generation = ?, last_seen_at = ? WHERE id = ?")) {
                    up.setLong(1, next.generation());
                    Sql.setInstant(up, 2, at);
                    up.setLong(3, next.sourceId());
                    up.executeUpdate();
                }
                return Optional.of(next);
            }
        }
    }

    public void setCarriedEntries(long sourceId, long count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE feed_source SET carried_entries = ? WHERE id = ?")) {
            ps.setLong(1, count);
            ps.setLong(2, sourceId);
            ps.executeUpdate();
        }
    }

    /** What {@link #forEachCarried} hands over. */
    @FunctionalInterface
    public interface CarriedEntrySink {
        void accept(long id, String domain) throws SQLException;
    }

    /**
     * Streams (row id, name) of the entries the source carries, in name order, row by row: the
     * (list_id, domain) index yields that order, and a streamed result is not first copied whole
     * (on H2 that copy took most of a re-import's time). The sink must not write to the store
     * while the rows stream.
     */
    public void forEachCarried(long listId, long sourceId, CarriedEntrySink sink) throws SQLException {
        engine.streamResults(c, true);
        // "ORDER BY list_id, domain" (not just domain) lets H2 see that the index already yields this order.
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, domain FROM list_entry WHERE list_id = ? AND carried_by = ? ORDER BY list_id, domain")) {
            ps.setLong(1, listId);
            ps.setLong(2, sourceId);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getLong(1), rs.getString(2));
                }
            }
        } finally {
            engine.streamResults(c, false);
        }
    }

    /**
     * Entries their source stopped sending: their carried sightings, up to the source's previous
     * generation, become plain values again.
     */
    public void dropCarry(Collection<Long> entryIds, long lastGeneration, Instant lastSeenAt, String source) throws SQLException {
        if (entryIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE list_entry SET times_seen = times_seen + (? - carried_since), last_seen_at = ?, last_source = ?, "
                        + "carried_by = NULL, carried_since = NULL WHERE id = ?")) {
            for (Long id : entryIds) {
                ps.setLong(1, lastGeneration);
                Sql.setInstant(ps, 2, lastSeenAt);
                ps.setString(3, source);
                ps.setLong(4, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * What one import added and nothing has sent again since: the entries of the list added at
     * {@code importedAt} whose last sighting is still that import. Up to {@code limit} names.
     */
    public List<String> addedAndUnseenSince(long listId, Instant importedAt, int limit) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.domain FROM list_entry e LEFT JOIN feed_source f ON f.id = e.carried_by "
                + "WHERE e.list_id = ? AND e.added_at = ? AND COALESCE(f.last_seen_at, e.last_seen_at) = ? ORDER BY e.domain LIMIT ?")) {
            ps.setLong(1, listId);
            Sql.setInstant(ps, 2, importedAt);
            Sql.setInstant(ps, 3, importedAt);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * Deletes what {@link #addedAndUnseenSince} finds, all of it, in two set-based statements;
     * with {@code rememberBy}, the names are remembered as deleted (an integration's list).
     * Returns how many entries went.
     */
    public long deleteAddedAndUnseenSince(long listId, Instant importedAt, Optional<String> rememberBy, Instant at) throws SQLException {
        String unseenSince = "list_id = ? AND added_at = ? AND COALESCE("
                + "(SELECT f.last_seen_at FROM feed_source f WHERE f.id = list_entry.carried_by), last_seen_at) = ?";
        if (rememberBy.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO deleted_entry (list_id, domain, deleted_at, deleted_by) "
                    + "SELECT list_id, domain, ?, ? FROM list_entry WHERE " + unseenSince
                    + " AND NOT EXISTS (SELECT 1 FROM deleted_entry d WHERE d.list_id = list_entry.list_id AND d.domain = list_entry.domain)")) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, rememberBy.get());
                ps.setLong(3, listId);
                Sql.setInstant(ps, 4, importedAt);
                Sql.setInstant(ps, 5, importedAt);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM list_entry WHERE " + unseenSince)) {
            ps.setLong(1, listId);
            Sql.setInstant(ps, 2, importedAt);
            Sql.setInstant(ps, 3, importedAt);
            long deleted = ps.executeUpdate();
            adjustCount(listId, -deleted);
            return deleted;
        }
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

    public Optional<ListEntry> findEntryById(long listId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + " WHERE e.list_id = ? AND e.id = ?")) {
            ps.setLong(1, listId);
            ps.setLong(2, id);
            return entryRows(ps).stream().findFirst();
        }
    }

    /** Entries in id order (the Enforcement API's paging order), {@code limit} from {@code offset}. */
    public List<ListEntry> entriesById(long listId, int limit, long offset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                ENTRY_SELECT + " WHERE e.list_id = ? ORDER BY e.id LIMIT ? OFFSET ?")) {
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
            int deleted = ps.executeUpdate();
            adjustCount(listId, -deleted);
            return deleted > 0;
        }
    }

    /**
     * Every list entry equal to one of {@code names} (a name and its parents), over all lists:
     * one (list_id, domain) index probe per list and name. Lists are few, so this stays a handful
     * of probes, and it spares bulk imports a second index on the domain alone.
     */
    public List<ListHit> lookup(List<String> names) throws SQLException {
        List<ListHit> hits = new ArrayList<>();
        if (names.isEmpty()) {
            return hits;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT e.list_id, e.domain FROM destination_list l CROSS JOIN UNNEST(?) AS k(d) "
                        + "JOIN list_entry e ON e.list_id = l.id AND e.domain = k.d")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", names.toArray()));
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
        engine.streamResults(c, true);
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
            engine.streamResults(c, false);
        }
    }

    public long countEntries(Collection<Long> listIds) throws SQLException {
        if (listIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(entry_count), 0) FROM destination_list WHERE id IN (" + placeholders(listIds.size()) + ")")) {
            bindLongs(ps, listIds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long pending = 0;
                for (Long id : listIds) {
                    pending += pendingCounts.getOrDefault(id, 0L);
                }
                return rs.getLong(1) + pending;
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
