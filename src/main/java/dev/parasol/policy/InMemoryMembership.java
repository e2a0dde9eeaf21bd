package dev.parasol.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * List contents in memory for batch decisions: an open-addressing table keyed by a hash of each
 * entry computed from its last character backwards. A name's hash walks the name once from the
 * end, so the hash of every parent ("example.com" inside "www.example.com") falls out on the
 * way and each parent costs one table probe, with no substring created. A probe that finds the
 * hash confirms the entry character by character, so a hash collision never makes a false hit.
 *
 * <p>Most entries are in one list ({@code firstList}); the rare entry held by several lists
 * keeps the others in {@code moreLists}.
 */
public final class InMemoryMembership extends SuffixHashMembership {

    private long[] hashes;
    private String[] entries;
    private long[] firstList;
    private final Map<Integer, long[]> moreLists = new HashMap<>();
    private int size;
    private int mask;

    public InMemoryMembership(int expectedEntries) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedEntries * 2 - 1)) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        hashes = new long[capacity];
        entries = new String[capacity];
        firstList = new long[capacity];
        mask = capacity - 1;
    }

    public void add(long listId, String entry) {
        if ((size + 1) * 2L > hashes.length) {
            grow();
        }
        long h = hash(entry);
        int slot = (int) spread(h) & mask;
        while (entries[slot] != null) {
            if (hashes[slot] == h && entries[slot].equals(entry)) {
                addList(slot, listId);
                return;
            }
            slot = (slot + 1) & mask;
        }
        hashes[slot] = h;
        entries[slot] = entry;
        firstList[slot] = listId;
        size++;
    }

    private void addList(int slot, long listId) {
        if (firstList[slot] == listId) {
            return;
        }
        long[] more = moreLists.getOrDefault(slot, new long[0]);
        for (long id : more) {
            if (id == listId) {
                return;
            }
        }
        long[] grown = Arrays.copyOf(more, more.length + 1);
        grown[more.length] = listId;
        moreLists.put(slot, grown);
    }

    private void grow() {
        long[] oldHashes = hashes;
        String[] oldEntries = entries;
        long[] oldFirst = firstList;
        Map<Integer, long[]> oldMore = new HashMap<>(moreLists);
        moreLists.clear();
        allocate(oldHashes.length * 2);
        size = 0;
        for (int i = 0; i < oldEntries.length; i++) {
            if (oldEntries[i] != null) {
                add(oldFirst[i], oldEntries[i]);
                for (long id : oldMore.getOrDefault(i, new long[0])) {
                    add(id, oldEntries[i]);
                }
            }
        }
    }

    public int size() {
        return size;
    }

    /**
     * Writes the table as {@link MappedMembership} reads it: the same slots, so a name probes the
     * file exactly as it would probe this table. Entries must be Latin-1 (names are ASCII, IDNs
     * punycode); returns false, writing nothing, for one that is not, or a table too big to map.
     */
    public boolean writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        return MappedMembership.write(hashes, entries, firstList, moreLists, size, out);
    }

    @Override
    List<ListHit> probe(long h, String name, int from, List<ListHit> hits) {
        int length = name.length() - from;
        int slot = (int) spread(h) & mask;
        String entry;
        while ((entry = entries[slot]) != null) {
            if (hashes[slot] == h && entry.length() == length && name.regionMatches(from, entry, 0, length)) {
                if (hits == null) {
                    hits = new ArrayList<>(2);
                }
                hits.add(new ListHit(firstList[slot], entry));
                long[] more = moreLists.isEmpty() ? null : moreLists.get(slot);
                if (more != null) {
                    for (long id : more) {
                        hits.add(new ListHit(id, entry));
                    }
                }
                return hits;
            }
            slot = (slot + 1) & mask;
        }
        return hits;
    }
}
