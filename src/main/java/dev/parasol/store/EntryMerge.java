package dev.parasol.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Rows (a result of domain, id in name order) and runs merged into one stream of (id, name) in
 * name order; {@link #mergeRuns} merges runs alone.
 */
final class EntryMerge {
    private final List<ResultSet> rows = new ArrayList<>();
    private final List<EntryRun> runList = new ArrayList<>();
    private final EntryRuns runs;

    EntryMerge(EntryRuns runs) {
        this.runs = runs;
    }

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
        mergeRuns(runs, runList, null, false, (run, ordinal, name) -> {
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

    /** What a merge of runs hands over; false stops it. */
    @FunctionalInterface
    interface RunEntrySink {
        boolean accept(EntryRun run, int ordinal, String name) throws SQLException;
    }

    /** The live entries of {@code of} in name order from {@code from} (null: the start), each run read when its first name comes up. */
    static void mergeRuns(EntryRuns runs, List<EntryRun> of, String from, boolean cached, RunEntrySink sink) throws SQLException {
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
    interface EntrySink {
        boolean accept(long id, String name) throws SQLException;
    }
}
