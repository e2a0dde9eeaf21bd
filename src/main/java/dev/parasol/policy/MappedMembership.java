package dev.parasol.policy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link InMemoryMembership}'s table read straight from a file mapped into memory: a single
 * decision probes a few slots and touches a few pages, so a table of a million entries answers
 * without being loaded. Same hash, same slots, same confirmation of each hit by its characters.
 *
 * <p>Layout (big-endian, offsets relative to the start of the section): capacity, size, the
 * byte lengths of the list sets and of the entries; then {@code capacity} slots of (hash: long,
 * entry offset + 1: int, 0 for an empty slot; list: int, the list's id, or -(offset + 1) of a
 * list set); the list sets (count: int, ids: long each); the entries (length: unsigned short,
 * Latin-1 bytes).
 */
public final class MappedMembership extends SuffixHashMembership {
    private static final int HEADER = 16;
    private static final int SLOT = 16;

    private final ByteBuffer table;
    private final int mask;
    private final int slots;
    private final int listSets;
    private final int entries;

    /** Reads the section starting at {@code table}'s position; throws IllegalArgumentException when it is malformed. */
    public MappedMembership(ByteBuffer table) {
        this.table = table.slice();
        int capacity = this.table.getInt(0);
        int listSetBytes = this.table.getInt(8);
        int entryBytes = this.table.getInt(12);
        if (Integer.bitCount(capacity) != 1 || listSetBytes < 0 || entryBytes < 0
                || HEADER + (long) capacity * SLOT + listSetBytes + entryBytes > this.table.capacity()) {
            throw new IllegalArgumentException("malformed membership table");
        }
        this.mask = capacity - 1;
        this.slots = HEADER;
        this.listSets = HEADER + capacity * SLOT;
        this.entries = listSets + listSetBytes;
    }

    public int size() {
        return table.getInt(4);
    }

    static boolean write(long[] hashes, String[] names, long[] firstList, Map<Integer, long[]> moreLists, int size,
                         DataOutputStream out) throws IOException {
        int capacity = hashes.length;
        int[] entryOffsets = new int[capacity];
        int[] listRefs = new int[capacity];
        long entryBytes = 0;
        long listSetBytes = 0;
        for (int slot = 0; slot < capacity; slot++) {
            String name = names[slot];
            if (name == null) {
                continue;
            }
            if (name.length() > 0xffff || !isLatin1(name)) {
                return false;
            }
            entryOffsets[slot] = (int) Math.min(Integer.MAX_VALUE, entryBytes + 1);
            entryBytes += 2 + name.length();
            long[] more = moreLists.get(slot);
            if (more == null) {
                if (firstList[slot] > Integer.MAX_VALUE) {
                    return false;
                }
                listRefs[slot] = (int) firstList[slot];
            } else {
                listRefs[slot] = (int) -Math.min(Integer.MAX_VALUE, listSetBytes + 1);
                listSetBytes += 4 + 8L * (1 + more.length);
            }
        }
        if (HEADER + (long) capacity * SLOT + listSetBytes + entryBytes > Integer.MAX_VALUE / 2) {
            return false; // beyond what one mapped buffer holds; the caller keeps using the store
        }
        out.writeInt(capacity);
        out.writeInt(size);
        out.writeInt((int) listSetBytes);
        out.writeInt((int) entryBytes);
        for (int slot = 0; slot < capacity; slot++) {
            out.writeLong(names[slot] == null ? 0 : hashes[slot]);
            out.writeInt(entryOffsets[slot]);
            out.writeInt(listRefs[slot]);
        }
        for (int slot = 0; slot < capacity; slot++) {
            long[] more = names[slot] == null ? null : moreLists.get(slot);
            if (more != null) {
                out.writeInt(1 + more.length);
                out.writeLong(firstList[slot]);
                for (long id : more) {
                    out.writeLong(id);
                }
            }
        }
        for (int slot = 0; slot < capacity; slot++) {
            if (names[slot] != null) {
                out.writeShort(names[slot].length());
                out.write(names[slot].getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return true;
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }

    @Override
    List<ListHit> probe(long h, String name, int from, List<ListHit> hits) {
        int length = name.length() - from;
        int slot = (int) spread(h) & mask;
        for (int probes = 0; probes <= mask; probes++) {
            int at = slots + slot * SLOT;
            int entryRef = table.getInt(at + 8);
            if (entryRef == 0) {
                return hits;
            }
            if (table.getLong(at) == h && matches(entries + entryRef - 1, name, from, length)) {
                String entry = name.substring(from);
                if (hits == null) {
                    hits = new ArrayList<>(2);
                }
                int listRef = table.getInt(at + 12);
                if (listRef >= 0) {
                    hits.add(new ListHit(listRef, entry));
                } else {
                    int set = listSets - listRef - 1;
                    int count = set >= listSets && set + 4 <= entries ? table.getInt(set) : 0;
                    if (count < 0 || set + 4 + 8L * count > entries) {
                        count = 0;
                    }
                    for (int k = 0; k < count; k++) {
                        hits.add(new ListHit(table.getLong(set + 4 + 8 * k), entry));
                    }
                }
                return hits;
            }
            slot = (slot + 1) & mask;
        }
        return hits;
    }

    private boolean matches(int at, String name, int from, int length) {
        // Bounds first: a damaged file answers "not listed", never with an exception.
        if (at < entries || at + 2 + length > table.limit() || (table.getShort(at) & 0xffff) != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((table.get(at + 2 + i) & 0xff) != name.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }
}
