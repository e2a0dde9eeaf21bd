package dev.parasol.store;

import java.time.Instant;
import java.util.BitSet;

/**
 * One run of a list's entries (V10__entry_runs.sql): names one bulk import added in one sorted
 * batch, sharing their provenance. {@code gone} marks the ordinals that moved out to rows or
 * were deleted; {@code carriedBy} is 0 when no feed source carries the run's sightings.
 */
record EntryRun(long id, long listId, String firstDomain, String lastDomain, int entries, int live, BitSet gone,
                Instant addedAt, String addedBy, String origin, String lastSource, long carriedBy, long carriedSince) {
    /** Entry ids from here up belong to runs; rows take theirs from the identity below it (and keep a run's when they move out). */
    static final long ID_BASE = 1L << 52;
    /** The most names one run holds: the ordinal's share of an entry id. */
    static final int MAX_ENTRIES = 1 << 13;

    /** The id of the entry at {@code ordinal}: unique, stable, and below 2^53 (exact in JSON numbers). */
    long entryId(int ordinal) {
        return ID_BASE + id * MAX_ENTRIES + ordinal;
    }

    static boolean isRunEntryId(long entryId) {
        return entryId >= ID_BASE;
    }

    static long runOf(long entryId) {
        return (entryId - ID_BASE) / MAX_ENTRIES;
    }

    static int ordinalOf(long entryId) {
        return (int) ((entryId - ID_BASE) % MAX_ENTRIES);
    }

    boolean covers(String name) {
        return firstDomain.compareTo(name) <= 0 && lastDomain.compareTo(name) >= 0;
    }

    boolean overlaps(String from, String to) {
        return firstDomain.compareTo(to) <= 0 && lastDomain.compareTo(from) >= 0;
    }

    boolean isGone(int ordinal) {
        return gone.get(ordinal);
    }

    /** The same run with {@code ordinals} gone as well. */
    EntryRun without(BitSet ordinals) {
        BitSet after = (BitSet) gone.clone();
        after.or(ordinals);
        return new EntryRun(id, listId, firstDomain, lastDomain, entries, entries - after.cardinality(), after, addedAt, addedBy,
                origin, lastSource, carriedBy, carriedSince);
    }
}
