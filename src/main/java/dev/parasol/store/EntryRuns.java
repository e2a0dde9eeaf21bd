package dev.parasol.store;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of entry runs (V10__entry_runs.sql); ListRepository makes them look like rows. */
final class EntryRuns {
    private static final String COLUMNS = "id, list_id, first_domain, last_domain, entries, live, gone, added_at, added_by, origin, "
            + "last_source, carried_by, carried_since";
    /** First-name order; a list's runs are kept in it. */
    private static final Comparator<EntryRun> ORDER = Comparator.comparing(EntryRun::firstDomain).thenComparingLong(EntryRun::id);
    private final Connection c;
    private final ListWrites writes;

    EntryRuns(Connection c, ListWrites writes) {
        this.c = c;
        this.writes = writes;
    }

    /**
     * The list's runs in first-name order, read once a transaction and then kept up to date by
     * its own writes. Call it before reading which names the list holds: the first call notes the
     * list's entry_version, which the commit compares (see {@link #checkAdditionsUnique}).
     */
    List<EntryRun> ofList(long listId) throws SQLException {
        List<EntryRun> runs = writes.runsByList.get(listId);
        if (runs == null) {
            if (!writes.versionSeen.containsKey(listId)) {
                writes.versionSeen.put(listId, entryVersion(listId));
            }
            runs = load(listId);
            writes.runsByList.put(listId, runs);
        }
        return runs;
    }

    private long entryVersion(long listId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_version FROM destination_list WHERE id = ?")) {
            ps.setLong(1, listId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private List<EntryRun> load(long listId) throws SQLException {
        List<EntryRun> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM entry_run WHERE list_id = ?")) {
            ps.setLong(1, listId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(run(rs));
                }
            }
        }
        // Sorted here, not by the database: a PostgreSQL collation may order names otherwise than Java does.
        runs.sort(ORDER);
        return runs;
    }

    Optional<EntryRun> byId(long runId) throws SQLException {
        for (List<EntryRun> runs : writes.runsByList.values()) {
            for (EntryRun r : runs) {
                if (r.id() == runId) {
                    return Optional.of(r);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM entry_run WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        }
    }

    /** The run's names, from a small cache: for probes of a few names. */
    RunNames names(long runId) throws SQLException {
        RunNames names = writes.names.get(runId);
        if (names == null) {
            names = readNames(runId);
            writes.names.put(runId, names);
        }
        return names;
    }

    /** The run's names, not cached: for reading runs through, which would only flush the cache. */
    RunNames readNames(long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT names FROM entry_run_names WHERE run_id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // Deleted since this transaction read the list's runs (an import that moved its
                    // last entries out committed in between): a conflict, so the store runs the
                    // whole read again (MixedProcessesIT found it, 1 read in 20 rounds).
                    throw new SQLException("entry run " + runId + " was deleted while it was read", "40001");
                }
                return RunNames.read(rs.getBytes(1));
            }
        }
    }

    /** Writes sorted names absent from the list as one run. */
    EntryRun insert(long listId, List<String> sorted, Instant at, String by, String origin, String source,
                    Optional<ListRepository.Carry> carry) throws SQLException {
        if (sorted.isEmpty() || sorted.size() > EntryRun.MAX_ENTRIES) {
            throw new IllegalArgumentException("a run holds 1 to " + EntryRun.MAX_ENTRIES + " names, not " + sorted.size());
        }
        byte[] names = RunNames.encode(sorted);
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO entry_run (list_id, first_domain, last_domain, entries, live, gone, "
                + "added_at, added_by, origin, last_source, carried_by, carried_since) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, listId);
            ps.setString(2, sorted.get(0));
            ps.setString(3, sorted.get(sorted.size() - 1));
            ps.setInt(4, sorted.size());
            ps.setInt(5, sorted.size());
            Sql.setInstant(ps, 6, at);
            ps.setString(7, by);
            ps.setString(8, origin);
            ps.setString(9, source);
            if (carry.isPresent()) {
                ps.setLong(10, carry.get().sourceId());
                ps.setLong(11, carry.get().generation());
            } else {
                ps.setNull(10, Types.BIGINT);
                ps.setNull(11, Types.BIGINT);
            }
            ps.executeUpdate();
            id = Sql.generatedId(ps);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO entry_run_names (run_id, names) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setBytes(2, names);
            ps.executeUpdate();
        }
        EntryRun run = new EntryRun(id, listId, sorted.get(0), sorted.get(sorted.size() - 1), sorted.size(), sorted.size(), new BitSet(),
                at, by, origin, source, carry.map(ListRepository.Carry::sourceId).orElse(0L),
                carry.map(ListRepository.Carry::generation).orElse(0L));
        writes.ownRuns.add(id);
        writes.listsWithOwnRuns.add(listId);
        // In place: an import of 10M names adds 2,000 runs, each read back by the next batch.
        List<EntryRun> runs = ofList(listId);
        int place = java.util.Collections.binarySearch(runs, run, ORDER);
        runs.add(place < 0 ? -place - 1 : place, run);
        return run;
    }

    /**
     * Marks {@code ordinals} of the run gone (moved out to rows, or deleted); deletes the run once
     * none is left. Only if the run is as this transaction read it: a run another transaction
     * changed meanwhile fails this one with a conflict, which the store retries.
     */
    EntryRun remove(EntryRun run, BitSet ordinals) throws SQLException {
        EntryRun after = run.without(ordinals);
        int changed;
        if (after.live() == 0) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM entry_run WHERE id = ? AND live = ?")) {
                ps.setLong(1, run.id());
                ps.setInt(2, run.live());
                changed = ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("UPDATE entry_run SET gone = ?, live = ? WHERE id = ? AND live = ?")) {
                ps.setBytes(1, after.gone().toByteArray());
                ps.setInt(2, after.live());
                ps.setLong(3, run.id());
                ps.setInt(4, run.live());
                changed = ps.executeUpdate();
            }
        }
        if (changed != 1) {
            throw new SQLException("entry run " + run.id() + " changed meanwhile", "40001");
        }
        replace(run, after.live() == 0 ? null : after);
        return after;
    }

    private void replace(EntryRun before, EntryRun after) {
        List<EntryRun> runs = writes.runsByList.get(before.listId());
        if (runs == null) {
            return;
        }
        List<EntryRun> updated = new ArrayList<>(runs.size());
        for (EntryRun r : runs) {
            if (r.id() != before.id()) {
                updated.add(r);
            } else if (after != null) {
                updated.add(after);
            }
        }
        writes.runsByList.put(before.listId(), updated);
    }

    /** What readers need of the feed sources carrying runs. */
    record Feed(String name, long generation, Instant lastSeenAt) {
    }

    Map<Long, Feed> feeds(Collection<Long> sourceIds) throws SQLException {
        Map<Long, Feed> feeds = new HashMap<>();
        for (Long id : sourceIds) {
            if (id == 0 || feeds.containsKey(id)) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name, generation, last_seen_at FROM feed_source WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        feeds.put(id, new Feed(rs.getString(1), rs.getLong(2), Sql.getInstant(rs, "last_seen_at")));
                    }
                }
            }
        }
        return feeds;
    }

    /**
     * At commit, for a list this transaction added names to: counts the list's entry_version up,
     * which locks the list's row until the commit, so no other addition can commit meanwhile.
     * If it was still what this transaction saw before it looked for its names, no one else
     * added names since, and the ones it added are new. Otherwise it checks them against what
     * is there now, and fails as a conflict on a name stored twice: its retry finds the name.
     * Rows keep their names unique by their key; a run against a row or a run is checked here.
     */
    void checkAdditionsUnique(long listId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE destination_list SET entry_version = entry_version + 1 WHERE id = ?")) {
            ps.setLong(1, listId);
            ps.executeUpdate();
        }
        Long seen = writes.versionSeen.get(listId);
        if (seen != null && entryVersion(listId) == seen + 1) {
            return;
        }
        List<EntryRun> now = load(listId);
        List<EntryRun> mine = new ArrayList<>();
        List<EntryRun> others = new ArrayList<>();
        for (EntryRun run : now) {
            (writes.ownRuns.contains(run.id()) ? mine : others).add(run);
        }
        for (String name : writes.rowNamesAdded.getOrDefault(listId, List.of())) {
            for (EntryRun other : others) {
                if (other.covers(name) && holds(other, readNames(other.id()), name)) {
                    throw addedTwice(listId, name);
                }
            }
        }
        for (EntryRun run : mine) {
            RunNames names = readNames(run.id());
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT domain FROM list_entry WHERE list_id = ? AND domain >= ? AND domain <= ?")) {
                ps.setLong(1, listId);
                ps.setString(2, run.firstDomain());
                ps.setString(3, run.lastDomain());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (holds(run, names, rs.getString(1))) {
                            throw addedTwice(listId, rs.getString(1));
                        }
                    }
                }
            }
            for (EntryRun other : others) {
                if (!other.overlaps(run.firstDomain(), run.lastDomain())) {
                    continue;
                }
                RunNames otherNames = readNames(other.id());
                for (int i = otherNames.ceiling(run.firstDomain()); i < otherNames.size(); i++) {
                    String name = otherNames.get(i);
                    if (name.compareTo(run.lastDomain()) > 0) {
                        break;
                    }
                    if (!other.isGone(i) && holds(run, names, name)) {
                        throw addedTwice(listId, name);
                    }
                }
            }
        }
    }

    private static boolean holds(EntryRun run, RunNames names, String name) {
        int ordinal = names.find(name);
        return ordinal >= 0 && !run.isGone(ordinal);
    }

    private static SQLException addedTwice(long listId, String name) {
        return new SQLException("another transaction added " + name + " to list " + listId + " meanwhile", "40001");
    }

    private static EntryRun run(ResultSet rs) throws SQLException {
        byte[] gone = rs.getBytes("gone");
        return new EntryRun(rs.getLong("id"), rs.getLong("list_id"), rs.getString("first_domain"), rs.getString("last_domain"),
                rs.getInt("entries"), rs.getInt("live"), gone == null ? new BitSet() : BitSet.valueOf(gone),
                Sql.getInstant(rs, "added_at"), rs.getString("added_by"), rs.getString("origin"), rs.getString("last_source"),
                rs.getLong("carried_by"), rs.getLong("carried_since"));
    }
}
