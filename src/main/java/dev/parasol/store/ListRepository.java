package dev.parasol.store;

import dev.parasol.policy.DestinationList;
import dev.parasol.policy.ListKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Destination lists and their entries. An entry is a row of list_entry or a name in an entry run
 * (V10__entry_runs.sql); every method here reads and writes both, so callers see one kind. Reads
 * of one list's entries are in {@link EntryReads}; lookups over all lists and streams of their
 * names in {@link MembershipRepository}; feed sources and deleted names have repositories of
 * their own.
 */
public final class ListRepository {
    /** New names of one sorted import batch from which they are stored as a run rather than as rows. */
    public static final int RUN_MIN = 1_000;
    private static final String LIST_COLUMNS = "id, name, kind, is_global, integration_id";
    /** Times seen so far of the row being updated, carried sightings included. */
    private static final String TIMES_SEEN_SO_FAR = "times_seen + COALESCE("
            + "(SELECT f.generation FROM feed_source f WHERE f.id = list_entry.carried_by) - carried_since, 0)";
    private final Connection c;
    private final Engine engine;
    private final ListWrites writes;
    /** This transaction's changes to entry counts, by list id, written at its end (Tx.beforeCommit). */
    private final Map<Long, Long> pendingCounts;
    private final EntryRuns runs;
    private final DeletedEntryRepository deletedEntries;
    private final EntryReads reads;

    ListRepository(Connection c, Engine engine, ListWrites writes) {
        this.c = c;
        this.engine = engine;
        this.writes = writes;
        this.pendingCounts = writes.pendingCounts;
        this.runs = new EntryRuns(c, writes);
        this.deletedEntries = new DeletedEntryRepository(c, engine);
        this.reads = new EntryReads(c, runs);
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
        return q.contains().isEmpty() && q.addedSince().isEmpty() ? countEntries(List.of(listId)) : reads.countFiltered(listId, q);
    }

    /** Entries newest first, then by name, filtered and paged. */
    public List<ListEntry> entries(long listId, EntryQuery q) throws SQLException {
        return reads.entries(listId, q);
    }

    public Optional<ListEntry> findEntry(long listId, String domain) throws SQLException {
        return reads.findEntry(listId, domain);
    }

    public Optional<ListEntry> findEntryById(long listId, long id) throws SQLException {
        return reads.findEntryById(listId, id);
    }

    /** Entries in id order (the Enforcement API's paging order), {@code limit} from {@code offset}. */
    public List<ListEntry> entriesById(long listId, int limit, long offset) throws SQLException {
        return reads.entriesById(listId, limit, offset);
    }

    /** The names the list holds from {@code from} to {@code to}: how a sorted import batch learns what is new. */
    public Map<String, StoredEntry> entriesInRange(long listId, String from, String to) throws SQLException {
        return reads.entriesInRange(listId, from, to);
    }

    /** The given names the list holds; for small batches whose names spread over the key range. */
    public Map<String, StoredEntry> entriesNamed(long listId, List<String> names) throws SQLException {
        return reads.entriesNamed(listId, names);
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
                EntryReads.timesSeenSoFar(run, feed) + 1, at, source, carry));
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
                EntryRuns.Feed feed = reads.feedsOf(List.of(run)).get(run.carriedBy());
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
                EntryMerge merge = new EntryMerge(runs);
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
        EntryMerge.mergeRuns(runs, runsAddedAndUnseenSince(listId, importedAt), null, false, (run, ordinal, name) -> {
            names.add(name);
            return names.size() < 2 * limit;
        });
        java.util.Collections.sort(names);
        return new ArrayList<>(names.subList(0, Math.min(limit, names.size())));
    }

    /** The runs one import added whose entries nothing has sent again since (a source carrying them has not run since). */
    private List<EntryRun> runsAddedAndUnseenSince(long listId, Instant importedAt) throws SQLException {
        List<EntryRun> listRuns = runs.ofList(listId);
        Map<Long, EntryRuns.Feed> feeds = reads.feedsOf(listRuns);
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
                Set<String> known = deletedEntries.deletedInRange(listId, run.firstDomain(), run.lastDomain());
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

    public long countEntries(Collection<Long> listIds) throws SQLException {
        if (listIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(entry_count), 0) FROM destination_list WHERE id IN (" + Sql.placeholders(listIds.size()) + ")")) {
            Sql.bindLongs(ps, listIds);
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
}
