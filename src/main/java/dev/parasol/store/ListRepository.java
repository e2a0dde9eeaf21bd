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
import java.util.BitSet;
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

/**
 * Destination lists and their entries. An entry is a row of list_entry or a name in an entry run
 * (V10__entry_runs.sql); every method here reads and writes both, so callers see one kind.
 */
public final class ListRepository {
    /** New names of one sorted import batch from which they are stored as a run rather than as rows. */
    public static final int RUN_MIN = 1_000;
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
    private final ListWrites writes;
    /** This transaction's changes to entry counts, by list id, written at its end (Tx.beforeCommit). */
    private final Map<Long, Long> pendingCounts;
    private final EntryRuns runs;

    ListRepository(Connection c, Engine engine, ListWrites writes) {
        this.c = c;
        this.engine = engine;
        this.writes = writes;
        this.pendingCounts = writes.pendingCounts;
        this.runs = new EntryRuns(c, writes);
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
        long count;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        for (EntryRun run : runsMatching(listId, q)) {
            if (q.contains().isEmpty()) {
                count += run.live();
                continue;
            }
            RunNames names = runs.readNames(run.id());
            for (int i = 0; i < names.size(); i++) {
                if (!run.isGone(i) && matches(q, names.get(i))) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Entries newest first, then by name, filtered and paged. */
    public List<ListEntry> entries(long listId, EntryQuery q) throws SQLException {
        long wanted = Math.min(Integer.MAX_VALUE, q.offset() + (long) q.limit());
        StringBuilder sql = new StringBuilder(ENTRY_SELECT + " WHERE e.list_id = ?");
        List<Object> params = entryFilter(listId, q, sql);
        sql.append(" ORDER BY e.added_at DESC, e.domain LIMIT ?");
        params.add(wanted);
        List<ListEntry> found;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            found = entryRows(ps);
        }
        // The first `wanted` of the runs' entries in the same order: runs newest first, and the
        // runs of one moment merged by name (one import's runs, read only as far as needed).
        Map<Instant, List<EntryRun>> byTime = new java.util.TreeMap<>(Comparator.reverseOrder());
        for (EntryRun run : runsMatching(listId, q)) {
            byTime.computeIfAbsent(run.addedAt(), t -> new ArrayList<>()).add(run);
        }
        Map<Long, EntryRuns.Feed> feeds = feedsOf(runs.ofList(listId));
        List<ListEntry> fromRuns = new ArrayList<>();
        for (List<EntryRun> sameTime : byTime.values()) {
            if (fromRuns.size() >= wanted) {
                break;
            }
            mergeRuns(sameTime, null, false, (run, ordinal, name) -> {
                if (matches(q, name)) {
                    fromRuns.add(runEntry(run, ordinal, name, feeds));
                }
                return fromRuns.size() < wanted;
            });
        }
        if (fromRuns.isEmpty()) {
            return found.subList((int) Math.min(found.size(), q.offset()), found.size());
        }
        List<ListEntry> all = new ArrayList<>(found.size() + fromRuns.size());
        all.addAll(found);
        all.addAll(fromRuns);
        all.sort(Comparator.comparing(ListEntry::addedAt, Comparator.reverseOrder()).thenComparing(ListEntry::domain));
        int from = (int) Math.min(all.size(), q.offset());
        return new ArrayList<>(all.subList(from, (int) Math.min(all.size(), wanted)));
    }

    /** The list's runs that may hold entries the query asks for. */
    private List<EntryRun> runsMatching(long listId, EntryQuery q) throws SQLException {
        List<EntryRun> matching = new ArrayList<>();
        for (EntryRun run : runs.ofList(listId)) {
            if (q.addedSince().isEmpty() || !run.addedAt().isBefore(q.addedSince().get())) {
                matching.add(run);
            }
        }
        return matching;
    }

    private static boolean matches(EntryQuery q, String name) {
        return q.contains().isEmpty() || name.contains(q.contains().get().toLowerCase(Locale.ROOT));
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
        List<EntryRun> listRuns = runs.ofList(listId); // first: notes the list's version before the rows are read
        try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + " WHERE e.list_id = ? AND e.domain = ?")) {
            ps.setLong(1, listId);
            ps.setString(2, domain);
            Optional<ListEntry> row = entryRows(ps).stream().findFirst();
            if (row.isPresent()) {
                return row;
            }
        }
        for (EntryRun run : listRuns) {
            if (run.covers(domain)) {
                int ordinal = runs.names(run.id()).find(domain);
                if (ordinal >= 0 && !run.isGone(ordinal)) {
                    return Optional.of(runEntry(run, ordinal, domain, feedsOf(List.of(run))));
                }
            }
        }
        return Optional.empty();
    }

    public void insertEntry(long listId, String domain, Optional<String> comment, Instant at, String by, String origin) throws SQLException {
        rowsAdded(listId, List.of(domain));
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

    /** New names went in as rows: the commit checks them against what others added meanwhile (Tx.beforeCommit). */
    private void rowsAdded(long listId, Collection<String> names) throws SQLException {
        runs.ofList(listId);
        writes.rowNamesAdded.computeIfAbsent(listId, k -> new ArrayList<>()).addAll(names);
    }

    /**
     * Keeps destination_list.entry_count equal to the list's entries: every statement that adds
     * or removes entries calls this; the transaction writes the sum just before it commits.
     */
    private void adjustCount(long listId, long delta) {
        pendingCounts.merge(listId, delta, Long::sum);
    }

    /**
     * Inserts names known to be absent from the list; {@code carry} names the feed source that
     * carries their sightings from now on, if any. {@link #RUN_MIN} names or more in strictly
     * increasing order (a sorted import batch) go in as one run; others as rows.
     */
    public void insertEntries(long listId, List<String> domains, Instant at, String by, String origin, String source,
                              Optional<Carry> carry) throws SQLException {
        if (domains.isEmpty()) {
            return;
        }
        if (domains.size() >= RUN_MIN && strictlyIncreasing(domains)) {
            for (int from = 0; from < domains.size(); from += EntryRun.MAX_ENTRIES) {
                List<String> part = domains.subList(from, Math.min(domains.size(), from + EntryRun.MAX_ENTRIES));
                runs.insert(listId, part, at, by, origin, source, carry);
            }
            adjustCount(listId, domains.size());
            return;
        }
        rowsAdded(listId, domains);
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

    private static boolean strictlyIncreasing(List<String> names) {
        for (int i = 1; i < names.size(); i++) {
            if (names.get(i - 1).compareTo(names.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The feed source and generation that carry an entry's sightings. */
    public record Carry(long sourceId, long generation) {
    }

    /** A stored entry as an import sees it: its row id and the feed source carrying it (0 for none). */
    public record StoredEntry(long id, long carriedBy) {
    }

    /**
     * The names the list holds between {@code from} and {@code to} inclusive: one range scan of
     * the (list_id, domain) index and of the runs that overlap the range, which is how a sorted
     * import batch learns what is new.
     */
    public Map<String, StoredEntry> entriesInRange(long listId, String from, String to) throws SQLException {
        List<EntryRun> listRuns = runs.ofList(listId); // first: notes the list's version before the rows are read
        Map<String, StoredEntry> found;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT domain, id, carried_by FROM list_entry WHERE list_id = ? AND domain >= ? AND domain <= ?")) {
            ps.setLong(1, listId);
            ps.setString(2, from);
            ps.setString(3, to);
            found = storedEntries(ps);
        }
        for (EntryRun run : listRuns) {
            if (!run.overlaps(from, to)) {
                continue;
            }
            RunNames names = runs.names(run.id());
            for (int i = names.ceiling(from); i < names.size(); i++) {
                String name = names.get(i);
                if (name.compareTo(to) > 0) {
                    break;
                }
                if (!run.isGone(i)) {
                    found.put(name, new StoredEntry(run.entryId(i), run.carriedBy()));
                }
            }
        }
        return found;
    }

    /**
     * The given names the list holds: one probe of the (list_id, domain) index per name, and of
     * the runs whose range holds it. For small batches, whose names spread over the whole key
     * range (an HTTP request of 100 events).
     */
    public Map<String, StoredEntry> entriesNamed(long listId, List<String> names) throws SQLException {
        if (names.isEmpty()) {
            return new HashMap<>();
        }
        List<EntryRun> listRuns = runs.ofList(listId); // first: notes the list's version before the rows are read
        Map<String, StoredEntry> found;
        // A join with UNNEST, not "list_id = ? AND domain IN (...)": given the IN list, H2 probes
        // only the list_id prefix of the composite index and scans the whole list; joined, it
        // probes (list_id, domain) once per name.
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT e.domain, e.id, e.carried_by FROM UNNEST(?) AS k(d) JOIN list_entry e ON e.list_id = ? AND e.domain = k.d")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", names.toArray()));
            ps.setLong(2, listId);
            found = storedEntries(ps);
        }
        if (listRuns.isEmpty()) {
            return found;
        }
        for (String name : names) {
            for (EntryRun run : listRuns) {
                if (run.covers(name)) {
                    int ordinal = runs.names(run.id()).find(name);
                    if (ordinal >= 0 && !run.isGone(ordinal)) {
                        found.put(name, new StoredEntry(run.entryId(ordinal), run.carriedBy()));
                    }
                }
            }
        }
        return found;
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
     * Entries a feed sent again (by id): times seen counted up (carried sightings included), last
     * seen and last source set, as one JDBC batch. With {@code carry}, that source carries their
     * sightings from now on; without, they hold plain values again. An entry of a run moves out
     * to a row of its own with these values.
     */
    public void refreshEntries(Collection<Long> entryIds, Instant at, String source, Optional<Carry> carry) throws SQLException {
        if (entryIds.isEmpty()) {
            return;
        }
        List<Long> rowIds = moveOutOfRuns(entryIds, (run, feed) -> new MovedValues(
                timesSeenSoFar(run, feed) + 1, at, source, carry));
        if (rowIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE list_entry SET times_seen = " + TIMES_SEEN_SO_FAR + " + 1, last_seen_at = ?, last_source = ?, "
                        + "carried_by = ?, carried_since = ? WHERE id = ?")) {
            for (Long id : rowIds) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, source);
                setCarry(ps, 3, carry);
                ps.setLong(5, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The values an entry that moves out of its run takes in its own row. */
    private record MovedValues(long timesSeen, Instant lastSeenAt, String lastSource, Optional<Carry> carry) {
    }

    @FunctionalInterface
    private interface MoveOut {
        MovedValues values(EntryRun run, EntryRuns.Feed carriedBy);
    }

    /** Times seen of a run's entry so far: once when its import added it, plus what its source carries. */
    private static long timesSeenSoFar(EntryRun run, EntryRuns.Feed carriedBy) {
        return 1 + (carriedBy == null ? 0 : carriedBy.generation() - run.carriedSince());
    }

    /**
     * Moves the entries of {@code entryIds} that are in runs out to rows of their own, with the
     * same ids and the values {@code values} gives; returns the ids that were rows already.
     */
    private List<Long> moveOutOfRuns(Collection<Long> entryIds, MoveOut values) throws SQLException {
        List<Long> rowIds = new ArrayList<>();
        Map<Long, BitSet> byRun = new java.util.TreeMap<>();
        for (Long id : entryIds) {
            if (EntryRun.isRunEntryId(id)) {
                byRun.computeIfAbsent(EntryRun.runOf(id), r -> new BitSet()).set(EntryRun.ordinalOf(id));
            } else {
                rowIds.add(id);
            }
        }
        if (byRun.isEmpty()) {
            return rowIds;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO list_entry (id, list_id, domain, comment, added_at, added_by, origin, "
                + "last_seen_at, times_seen, last_source, carried_by, carried_since) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<Long, BitSet> e : byRun.entrySet()) {
                Optional<EntryRun> found = runs.byId(e.getKey());
                BitSet inRun = (BitSet) e.getValue().clone();
                if (found.isPresent()) {
                    inRun.andNot(found.get().gone());
                } else {
                    inRun.clear();
                }
                BitSet moved = (BitSet) e.getValue().clone();
                moved.andNot(inRun);
                moved.stream().forEach(ordinal -> rowIds.add(EntryRun.ID_BASE + e.getKey() * EntryRun.MAX_ENTRIES + ordinal));
                if (inRun.isEmpty()) {
                    continue;
                }
                EntryRun run = found.get();
                EntryRuns.Feed feed = feedsOf(List.of(run)).get(run.carriedBy());
                RunNames names = runs.names(run.id());
                for (int ordinal = inRun.nextSetBit(0); ordinal >= 0; ordinal = inRun.nextSetBit(ordinal + 1)) {
                    MovedValues v = values.values(run, feed);
                    ps.setLong(1, run.entryId(ordinal));
                    ps.setLong(2, run.listId());
                    ps.setString(3, names.get(ordinal));
                    Sql.setInstant(ps, 4, run.addedAt());
                    ps.setString(5, run.addedBy());
                    ps.setString(6, run.origin());
                    Sql.setInstant(ps, 7, v.lastSeenAt());
                    ps.setLong(8, v.timesSeen());
                    ps.setString(9, v.lastSource());
                    setCarry(ps, 10, v.carry());
                    ps.addBatch();
                }
                runs.remove(run, inRun);
            }
            ps.executeBatch();
        }
        return rowIds;
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
     * Streams (entry id, name) of the entries the source carries, in name order: the rows in the
     * order of the (list_id, domain) index, streamed (on H2 copying the result whole first took
     * most of a re-import's time), merged with the runs the source carries, each read when its
     * first name comes up. The sink must not write to the store while the entries stream.
     */
    public void forEachCarried(long listId, long sourceId, CarriedEntrySink sink) throws SQLException {
        List<EntryRun> carried = new ArrayList<>();
        for (EntryRun run : runs.ofList(listId)) {
            if (run.carriedBy() == sourceId) {
                carried.add(run);
            }
        }
        engine.streamResults(c, true);
        // "ORDER BY list_id, domain" (not just domain) lets H2 see that the index already yields this order.
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT domain, id FROM list_entry WHERE list_id = ? AND carried_by = ? ORDER BY list_id, domain")) {
            ps.setLong(1, listId);
            ps.setLong(2, sourceId);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                EntryMerge merge = new EntryMerge();
                merge.addRows(rs);
                merge.addRuns(carried);
                merge.forEach((id, name) -> {
                    sink.accept(id, name);
                    return true;
                });
            }
        } finally {
            engine.streamResults(c, false);
        }
    }

    /**
     * Entries their source stopped sending: their carried sightings, up to the source's previous
     * generation, become plain values again (an entry of a run moves out to a row with them).
     */
    public void dropCarry(Collection<Long> entryIds, long lastGeneration, Instant lastSeenAt, String source) throws SQLException {
        if (entryIds.isEmpty()) {
            return;
        }
        List<Long> rowIds = moveOutOfRuns(entryIds, (run, feed) -> new MovedValues(
                1 + (lastGeneration - run.carriedSince()), lastSeenAt, source, Optional.empty()));
        if (rowIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE list_entry SET times_seen = times_seen + (? - carried_since), last_seen_at = ?, last_source = ?, "
                        + "carried_by = NULL, carried_since = NULL WHERE id = ?")) {
            for (Long id : rowIds) {
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
        mergeRuns(runsAddedAndUnseenSince(listId, importedAt), null, false, (run, ordinal, name) -> {
            names.add(name);
            return names.size() < 2 * limit;
        });
        java.util.Collections.sort(names);
        return new ArrayList<>(names.subList(0, Math.min(limit, names.size())));
    }

    /** The runs one import added whose entries nothing has sent again since (a source carrying them has not run since). */
    private List<EntryRun> runsAddedAndUnseenSince(long listId, Instant importedAt) throws SQLException {
        List<EntryRun> listRuns = runs.ofList(listId);
        Map<Long, EntryRuns.Feed> feeds = feedsOf(listRuns);
        List<EntryRun> unseen = new ArrayList<>();
        for (EntryRun run : listRuns) {
            EntryRuns.Feed feed = feeds.get(run.carriedBy());
            Instant lastSeen = feed == null ? run.addedAt() : feed.lastSeenAt();
            if (run.addedAt().equals(importedAt) && lastSeen.equals(importedAt)) {
                unseen.add(run);
            }
        }
        return unseen;
    }

    /**
     * Deletes what {@link #addedAndUnseenSince} finds, all of it: set-based statements for rows,
     * whole runs for runs; with {@code rememberBy}, the names are remembered as deleted (an
     * integration's list). Returns how many entries went.
     */
    public long deleteAddedAndUnseenSince(long listId, Instant importedAt, Optional<String> rememberBy, Instant at) throws SQLException {
        long deleted = 0;
        for (EntryRun run : runsAddedAndUnseenSince(listId, importedAt)) {
            RunNames names = runs.readNames(run.id());
            BitSet live = new BitSet(run.entries());
            live.set(0, run.entries());
            live.andNot(run.gone());
            if (rememberBy.isPresent()) {
                Set<String> known = deletedInRange(listId, run.firstDomain(), run.lastDomain());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO deleted_entry (list_id, domain, deleted_at, deleted_by) VALUES (?, ?, ?, ?)")) {
                    for (int i = live.nextSetBit(0); i >= 0; i = live.nextSetBit(i + 1)) {
                        if (!known.contains(names.get(i))) {
                            ps.setLong(1, listId);
                            ps.setString(2, names.get(i));
                            Sql.setInstant(ps, 3, at);
                            ps.setString(4, rememberBy.get());
                            ps.addBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
            runs.remove(run, live);
            adjustCount(listId, -run.live());
            deleted += run.live();
        }
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
            long rows = ps.executeUpdate();
            adjustCount(listId, -rows);
            return deleted + rows;
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
            Optional<ListEntry> row = entryRows(ps).stream().findFirst();
            if (row.isPresent() || !EntryRun.isRunEntryId(id)) {
                return row;
            }
        }
        Optional<EntryRun> run = runs.byId(EntryRun.runOf(id));
        int ordinal = EntryRun.ordinalOf(id);
        if (run.isEmpty() || run.get().listId() != listId || ordinal >= run.get().entries() || run.get().isGone(ordinal)) {
            return Optional.empty();
        }
        return Optional.of(runEntry(run.get(), ordinal, runs.names(run.get().id()).get(ordinal), feedsOf(List.of(run.get()))));
    }

    /** Entries in id order (the Enforcement API's paging order), {@code limit} from {@code offset}. */
    public List<ListEntry> entriesById(long listId, int limit, long offset) throws SQLException {
        long wanted = Math.min(Integer.MAX_VALUE, offset + limit);
        List<ListEntry> found;
        try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + " WHERE e.list_id = ? ORDER BY e.id LIMIT ?")) {
            ps.setLong(1, listId);
            ps.setLong(2, wanted);
            found = entryRows(ps);
        }
        // A run's entry ids grow with the run's id and the name's ordinal.
        List<EntryRun> byId = new ArrayList<>(runs.ofList(listId));
        byId.sort(Comparator.comparingLong(EntryRun::id));
        Map<Long, EntryRuns.Feed> feeds = feedsOf(byId);
        List<ListEntry> fromRuns = new ArrayList<>();
        for (EntryRun run : byId) {
            if (fromRuns.size() >= wanted) {
                break;
            }
            RunNames names = runs.readNames(run.id());
            for (int i = 0; i < names.size() && fromRuns.size() < wanted; i++) {
                if (!run.isGone(i)) {
                    fromRuns.add(runEntry(run, i, names.get(i), feeds));
                }
            }
        }
        found.addAll(fromRuns);
        found.sort(Comparator.comparingLong(ListEntry::id));
        return new ArrayList<>(found.subList((int) Math.min(found.size(), offset), (int) Math.min(found.size(), wanted)));
    }

    public boolean deleteEntry(long listId, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM list_entry WHERE list_id = ? AND domain = ?")) {
            ps.setLong(1, listId);
            ps.setString(2, domain);
            int deleted = ps.executeUpdate();
            adjustCount(listId, -deleted);
            if (deleted > 0) {
                return true;
            }
        }
        for (EntryRun run : runs.ofList(listId)) {
            if (run.covers(domain)) {
                int ordinal = runs.names(run.id()).find(domain);
                if (ordinal >= 0 && !run.isGone(ordinal)) {
                    BitSet one = new BitSet();
                    one.set(ordinal);
                    runs.remove(run, one);
                    adjustCount(listId, -1);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Every list entry equal to one of {@code names} (a name and its parents), over all lists:
     * one (list_id, domain) index probe per list and name, and a page of each run whose range
     * holds the name. Lists are few, so this stays a handful of probes, and it spares bulk
     * imports a second index on the domain alone.
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
        for (Long listId : listsWithRuns()) {
            for (EntryRun run : runs.ofList(listId)) {
                for (String name : names) {
                    if (run.covers(name)) {
                        int ordinal = runs.names(run.id()).find(name);
                        if (ordinal >= 0 && !run.isGone(ordinal)) {
                            hits.add(new ListHit(listId, name));
                        }
                    }
                }
            }
        }
        return hits;
    }

    /**
     * The lists that hold runs, so lookups over all lists skip the others: one small query a
     * transaction (see-domains looks up every name of a page), plus the lists it wrote runs into.
     */
    private Set<Long> listsWithRuns() throws SQLException {
        if (writes.listsWithRuns == null) {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT list_id FROM entry_run");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            writes.listsWithRuns = ids;
        }
        Set<Long> ids = new java.util.TreeSet<>(writes.listsWithRuns);
        writes.runsByList.forEach((listId, listRuns) -> {
            if (!listRuns.isEmpty()) {
                ids.add(listId);
            }
        });
        return ids;
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
        for (Long listId : listIds) {
            for (EntryRun run : runs.ofList(listId)) {
                RunNames names = runs.readNames(run.id());
                for (int i = 0; i < names.size(); i++) {
                    if (!run.isGone(i)) {
                        sink.accept(listId, names.get(i));
                    }
                }
            }
        }
    }

    /**
     * The distinct names of the given lists in name order, streamed: each list's rows are read in
     * the order of its (list_id, domain) index, each run when its first name comes up, and all
     * are merged here, so nothing is sorted and no list is held in memory.
     */
    public void forEachDistinctDomain(Collection<Long> listIds, Consumer<String> sink) throws SQLException {
        if (listIds.isEmpty()) {
            return;
        }
        // Without lazy execution H2 copies a whole result (a million rows) into a temporary
        // result before returning its first row: five times slower than streaming it.
        engine.streamResults(c, true);
        List<PreparedStatement> statements = new ArrayList<>();
        try {
            EntryMerge merge = new EntryMerge();
            for (Long listId : listIds) {
                // "ORDER BY list_id, domain" (not just domain) lets H2 see that the index already
                // yields this order.
                PreparedStatement ps = c.prepareStatement("SELECT domain, id FROM list_entry WHERE list_id = ? ORDER BY list_id, domain");
                statements.add(ps);
                ps.setLong(1, listId);
                ps.setFetchSize(10_000);
                merge.addRows(ps.executeQuery());
                merge.addRuns(runs.ofList(listId));
            }
            String[] last = {null};
            merge.forEach((id, name) -> {
                if (!name.equals(last[0])) {
                    last[0] = name;
                    sink.accept(name);
                }
                return true;
            });
        } finally {
            for (PreparedStatement ps : statements) {
                ps.close();
            }
            engine.streamResults(c, false);
        }
    }

    /** A run's entry as readers see it: its provenance is the run's, its sightings its source's while one carries them. */
    private static ListEntry runEntry(EntryRun run, int ordinal, String name, Map<Long, EntryRuns.Feed> feeds) {
        EntryRuns.Feed feed = feeds.get(run.carriedBy());
        return new ListEntry(run.entryId(ordinal), run.listId(), name, Optional.empty(), run.addedAt(), run.addedBy(), run.origin(),
                feed == null ? run.addedAt() : feed.lastSeenAt(), timesSeenSoFar(run, feed),
                Optional.ofNullable(feed == null ? run.lastSource() : feed.name()));
    }

    private Map<Long, EntryRuns.Feed> feedsOf(Collection<EntryRun> of) throws SQLException {
        Set<Long> ids = new HashSet<>();
        for (EntryRun run : of) {
            ids.add(run.carriedBy());
        }
        return runs.feeds(ids);
    }

    /** What a merge of runs hands over; false stops it. */
    @FunctionalInterface
    private interface RunEntrySink {
        boolean accept(EntryRun run, int ordinal, String name) throws SQLException;
    }

    /** The live entries of {@code of} in name order from {@code from} (null: the start), each run read when its first name comes up. */
    private void mergeRuns(List<EntryRun> of, String from, boolean cached, RunEntrySink sink) throws SQLException {
        PriorityQueue<RunCursor> heads = new PriorityQueue<>(Comparator.comparing((RunCursor r) -> r.head));
        for (EntryRun run : of) {
            heads.add(new RunCursor(run, from));
        }
        while (!heads.isEmpty()) {
            RunCursor cursor = heads.poll();
            if (cursor.names == null) {
                cursor.open(cached ? runs.names(cursor.run.id()) : runs.readNames(cursor.run.id()));
            } else {
                if (!sink.accept(cursor.run, cursor.ordinal, cursor.head)) {
                    return;
                }
                cursor.advance(cursor.ordinal + 1);
            }
            if (cursor.head != null) {
                heads.add(cursor);
            }
        }
    }

    /** A run being read in name order: before it is opened its head is its first name, a bound for every name in it. */
    private static final class RunCursor {
        final EntryRun run;
        final String from;
        RunNames names;
        int ordinal;
        String head;

        RunCursor(EntryRun run, String from) {
            this.run = run;
            this.from = from;
            this.head = run.firstDomain();
        }

        void open(RunNames names) {
            this.names = names;
            advance(from == null ? 0 : names.ceiling(from));
        }

        void advance(int next) {
            ordinal = next;
            while (ordinal < names.size() && run.isGone(ordinal)) {
                ordinal++;
            }
            head = ordinal < names.size() ? names.get(ordinal) : null;
        }
    }

    /** What {@link EntryMerge} hands over; false stops it. */
    @FunctionalInterface
    private interface EntrySink {
        boolean accept(long id, String name) throws SQLException;
    }

    /** Rows (a result of domain, id in name order) and runs merged into one stream of (id, name) in name order. */
    private final class EntryMerge {
        private final List<ResultSet> rows = new ArrayList<>();
        private final List<EntryRun> runList = new ArrayList<>();

        void addRows(ResultSet rs) {
            rows.add(rs);
        }

        void addRuns(List<EntryRun> more) {
            runList.addAll(more);
        }

        private record RowHead(ResultSet rs, String name, long id) {
        }

        void forEach(EntrySink sink) throws SQLException {
            PriorityQueue<RowHead> rowHeads = new PriorityQueue<>(Comparator.comparing(RowHead::name));
            for (ResultSet rs : rows) {
                if (rs.next()) {
                    rowHeads.add(new RowHead(rs, rs.getString(1), rs.getLong(2)));
                }
            }
            boolean[] stopped = {false};
            mergeRuns(runList, null, false, (run, ordinal, name) -> {
                // Rows that come first go out first.
                while (!rowHeads.isEmpty() && rowHeads.peek().name().compareTo(name) <= 0) {
                    if (!emitRow(rowHeads, sink)) {
                        stopped[0] = true;
                        return false;
                    }
                }
                if (!sink.accept(run.entryId(ordinal), name)) {
                    stopped[0] = true;
                    return false;
                }
                return true;
            });
            while (!stopped[0] && !rowHeads.isEmpty()) {
                if (!emitRow(rowHeads, sink)) {
                    return;
                }
            }
        }

        private boolean emitRow(PriorityQueue<RowHead> heads, EntrySink sink) throws SQLException {
            RowHead head = heads.poll();
            boolean more = sink.accept(head.id(), head.name());
            if (head.rs().next()) {
                heads.add(new RowHead(head.rs(), head.rs().getString(1), head.rs().getLong(2)));
            }
            return more;
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
