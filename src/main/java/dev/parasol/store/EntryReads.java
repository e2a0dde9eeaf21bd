package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads of one list's entries for {@link ListRepository}, rows and entry runs alike: as readers
 * see them (queries, lookups by name or id, paging) and as an import sees them (which names are
 * stored already).
 */
final class EntryReads {
    /**
     * An entry as readers see it: for an entry whose sightings a feed source carries (see
     * V4__bulk_import.sql), last seen, times seen and last source come from that source.
     */
    private static final String ENTRY_SELECT = "SELECT e.id, e.list_id, e.domain, e.comment, e.added_at, e.added_by, e.origin, "
            + "COALESCE(f.last_seen_at, e.last_seen_at) AS last_seen_at, "
            + "e.times_seen + COALESCE(f.generation - e.carried_since, 0) AS times_seen, "
            + "COALESCE(f.name, e.last_source) AS last_source "
            + "FROM list_entry e LEFT JOIN feed_source f ON f.id = e.carried_by";
    private final Connection c;
    private final EntryRuns runs;

    EntryReads(Connection c, EntryRuns runs) {
        this.c = c;
        this.runs = runs;
    }

    /** Entries of the list that match a query with a filter (an unfiltered count is the list's entry_count). */
    long countFiltered(long listId, EntryQuery q) throws SQLException {
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
    List<ListEntry> entries(long listId, EntryQuery q) throws SQLException {
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
        Map<Instant, List<EntryRun>> byTime = new TreeMap<>(Comparator.reverseOrder());
        for (EntryRun run : runsMatching(listId, q)) {
            byTime.computeIfAbsent(run.addedAt(), t -> new ArrayList<>()).add(run);
        }
        Map<Long, EntryRuns.Feed> feeds = feedsOf(runs.ofList(listId));
        List<ListEntry> fromRuns = new ArrayList<>();
        for (List<EntryRun> sameTime : byTime.values()) {
            if (fromRuns.size() >= wanted) {
                break;
            }
            EntryMerge.mergeRuns(runs, sameTime, null, false, (run, ordinal, name) -> {
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

    Optional<ListEntry> findEntry(long listId, String domain) throws SQLException {
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

    /**
     * The names the list holds between {@code from} and {@code to} inclusive: one range scan of
     * the (list_id, domain) index and of the runs that overlap the range, which is how a sorted
     * import batch learns what is new.
     */
    Map<String, ListRepository.StoredEntry> entriesInRange(long listId, String from, String to) throws SQLException {
        List<EntryRun> listRuns = runs.ofList(listId); // first: notes the list's version before the rows are read
        Map<String, ListRepository.StoredEntry> found;
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
                    found.put(name, new ListRepository.StoredEntry(run.entryId(i), run.carriedBy()));
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
    Map<String, ListRepository.StoredEntry> entriesNamed(long listId, List<String> names) throws SQLException {
        if (names.isEmpty()) {
            return new HashMap<>();
        }
        List<EntryRun> listRuns = runs.ofList(listId); // first: notes the list's version before the rows are read
        Map<String, ListRepository.StoredEntry> found;
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
                        found.put(name, new ListRepository.StoredEntry(run.entryId(ordinal), run.carriedBy()));
                    }
                }
            }
        }
        return found;
    }

    private static Map<String, ListRepository.StoredEntry> storedEntries(PreparedStatement ps) throws SQLException {
        Map<String, ListRepository.StoredEntry> found = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.put(rs.getString(1), new ListRepository.StoredEntry(rs.getLong(2), rs.getLong(3)));
            }
        }
        return found;
    }

    Optional<ListEntry> findEntryById(long listId, long id) throws SQLException {
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
    List<ListEntry> entriesById(long listId, int limit, long offset) throws SQLException {
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

    /** Times seen of a run's entry so far: once when its import added it, plus what its source carries. */
    static long timesSeenSoFar(EntryRun run, EntryRuns.Feed carriedBy) {
        return 1 + (carriedBy == null ? 0 : carriedBy.generation() - run.carriedSince());
    }

    /** A run's entry as readers see it: its provenance is the run's, its sightings its source's while one carries them. */
    private static ListEntry runEntry(EntryRun run, int ordinal, String name, Map<Long, EntryRuns.Feed> feeds) {
        EntryRuns.Feed feed = feeds.get(run.carriedBy());
        return new ListEntry(run.entryId(ordinal), run.listId(), name, Optional.empty(), run.addedAt(), run.addedBy(), run.origin(),
                feed == null ? run.addedAt() : feed.lastSeenAt(), timesSeenSoFar(run, feed),
                Optional.ofNullable(feed == null ? run.lastSource() : feed.name()));
    }

    Map<Long, EntryRuns.Feed> feedsOf(Collection<EntryRun> of) throws SQLException {
        Set<Long> ids = new HashSet<>();
        for (EntryRun run : of) {
            ids.add(run.carriedBy());
        }
        return runs.feeds(ids);
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
