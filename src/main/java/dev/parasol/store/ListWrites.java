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
    /** The highest run id of a list committed when this transaction first read the list's runs. */
    final Map<Long, Long> runHighWater = new HashMap<>();
    /** Lists this transaction inserted new names into as rows: checked at commit (Tx.beforeCommit). */
    final Set<Long> rowsAdded = new HashSet<>();
    /** Lists whose row this transaction holds locked, so that it may write runs into them. */
    final Set<Long> lockedForRuns = new HashSet<>();
    /** The lists that held runs when this transaction first asked (null until then). */
    Set<Long> listsWithRuns;
    /** Runs this transaction wrote. */
    final Set<Long> ownRuns = new HashSet<>();
    /** Names of recently probed runs: an import's sorted batches probe the same run again and again. */
    final Map<Long, RunNames> names = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, RunNames> eldest) {
            return size() > 32;
        }
    };
}
