package dev.parasol.store;

import dev.parasol.policy.ListHit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Which lists hold a name, and every name of some lists streamed: what decisions, the decision
 * cache and exports read, over rows and entry runs alike.
 */
public final class MembershipRepository {
    private final Connection c;
    private final Engine engine;
    private final ListWrites writes;
    private final EntryRuns runs;

    MembershipRepository(Connection c, Engine engine, ListWrites writes) {
        this.c = c;
        this.engine = engine;
        this.writes = writes;
        this.runs = new EntryRuns(c, writes);
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
        Set<Long> ids = new TreeSet<>(writes.listsWithRuns);
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
        try (PreparedStatement ps = c.prepareStatement("SELECT list_id, domain FROM list_entry WHERE list_id IN (" + Sql.placeholders(listIds.size()) + ")")) {
            Sql.bindLongs(ps, listIds);
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
            EntryMerge merge = new EntryMerge(runs);
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
}
