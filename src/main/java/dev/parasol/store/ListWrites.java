package dev.parasol.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What one transaction keeps about lists and their entries while it runs (every ListRepository of a Tx shares it). */
final class ListWrites {
    /** Changes to entry counts by list id, written at the end (Tx.beforeCommit). */
    final Map<Long, Long> pendingCounts = new HashMap<>();
    /** A list's runs as this transaction last read or wrote them, in first-name order. */
    final Map<Long, List<EntryRun>> runsByList = new HashMap<>();
    /**
     * A list's entry_version when this transaction first read its entries: if it is still that
     * at commit, no other transaction added names to the list since (V10__entry_runs.sql).
     */
    final Map<Long, Long> versionSeen = new HashMap<>();
    /** Names this transaction added to a list as rows. */
    final Map<Long, List<String>> rowNamesAdded = new HashMap<>();
    /** Runs this transaction wrote, and the lists it wrote them into. */
    final Set<Long> ownRuns = new HashSet<>();
    final Set<Long> listsWithOwnRuns = new HashSet<>();
    /** The lists that held runs when this transaction first asked (null until then). */
    Set<Long> listsWithRuns;
    /** Names of recently probed runs: an import's sorted batches probe the same run again and again. */
    final Map<Long, RunNames> names = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, RunNames> eldest) {
            return size() > 32;
        }
    };

    /** Lists this transaction added names to, as rows or runs, in id order. */
    Set<Long> listsAddedTo() {
        Set<Long> lists = new java.util.TreeSet<>(rowNamesAdded.keySet());
        lists.addAll(listsWithOwnRuns);
        return lists;
    }
}
