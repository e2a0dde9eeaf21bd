package dev.parasol.store;

import java.util.List;

/**
 * A Bloom filter of what searches filter on, one per activity block: every name a request asked
 * for and each of its parents ("www.example.com", "example.com", "com"), identity values,
 * policies and categories. A search reads it before the block's requests and skips the block
 * when a filter value is certainly absent; about 1% of blocks without the value are read anyway.
 */
final class ActivitySketch {
    private static final int VERSION = 1;
    private static final int BITS_PER_KEY = 10;
    private static final int HASHES = 7;

    private final long[] bits;

    private ActivitySketch(long[] bits) {
        this.bits = bits;
    }

    /** What a key is, so equal text of different kinds are different keys. */
    enum Kind {
        DOMAIN('d'), IDENTITY('i'), POLICY('p'), CATEGORY('c');

        final char tag;

        Kind(char tag) {
            this.tag = tag;
        }
    }

    /** The key of {@code text} from index {@code from} on (a parent of a name is a suffix of it). */
    static long key(Kind kind, String text, int from) {
        long h = 0xcbf29ce484222325L;
        h ^= kind.tag;
        h *= 0x100000001b3L;
        for (int i = from; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    static long key(Kind kind, String text) {
        return key(kind, text, 0);
    }

    /** The sketch of a block's values: every name and its parents, identity values, policies, categories. */
    static byte[] of(ActivityBlock b) {
        long[] keys = new long[64];
        int n = 0;
        for (String domain : b.dictionaries[ActivityBlock.Field.DOMAIN.ordinal()]) {
            for (int from = 0; from >= 0; from = next(domain, from)) {
                if (n == keys.length) {
                    keys = java.util.Arrays.copyOf(keys, n * 2);
                }
                keys[n++] = key(Kind.DOMAIN, domain, from);
            }
        }
        List<Long> others = new java.util.ArrayList<>();
        for (String identity : b.dictionaries[ActivityBlock.Field.IDENTITY.ordinal()]) {
            others.add(key(Kind.IDENTITY, identity, identity.indexOf(':') + 1));
        }
        for (String policy : b.dictionaries[ActivityBlock.Field.POLICY.ordinal()]) {
            others.add(key(Kind.POLICY, policy));
        }
        for (String categories : b.dictionaries[ActivityBlock.Field.CATEGORIES.ordinal()]) {
            for (String category : categories.split(ActivityBlock.CATEGORY_SEPARATOR)) {
                others.add(key(Kind.CATEGORY, category));
            }
        }
        keys = java.util.Arrays.copyOf(keys, n + others.size());
        for (long k : others) {
            keys[n++] = k;
        }
        // Parents repeat ("com" in most names): sized by the distinct keys, not by the names.
        java.util.Arrays.sort(keys);
        int distinct = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[distinct++] = keys[i];
            }
        }
        return encode(keys, distinct);
    }

    /** Where the parent of the name at {@code from} starts, or -1. */
    private static int next(String domain, int from) {
        int dot = domain.indexOf('.', from);
        return dot < 0 ? -1 : dot + 1;
    }

    private static byte[] encode(long[] keys, int count) {
        int words = Math.max(1, (int) Math.min(Integer.MAX_VALUE / 64, ((long) count * BITS_PER_KEY + 63) / 64));
        long[] bits = new long[words];
        long m = (long) words * 64;
        for (int k = 0; k < count; k++) {
            long h = keys[k];
            int h1 = (int) h;
            int h2 = (int) (h >>> 32);
            for (int i = 0; i < HASHES; i++) {
                long bit = Integer.toUnsignedLong(h1 + i * h2) % m;
                bits[(int) (bit >>> 6)] |= 1L << bit;
            }
        }
        BlockBytes.Writer w = new BlockBytes.Writer();
        w.varint(VERSION);
        w.varint(words);
        for (long word : bits) {
            w.longFixed(word);
        }
        return w.toArray();
    }

    static ActivitySketch decode(byte[] bytes) {
        BlockBytes.Reader r = new BlockBytes.Reader(bytes, bytes.length);
        int version = r.intVar();
        if (version != VERSION) {
            throw new IllegalStateException("activity sketch version " + version + " is newer than this Parasol understands; upgrade Parasol");
        }
        long[] bits = new long[r.intVar()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = r.longFixed();
        }
        return new ActivitySketch(bits);
    }

    boolean mightContainAll(long[] keys) {
        long m = (long) bits.length * 64;
        for (long h : keys) {
            int h1 = (int) h;
            int h2 = (int) (h >>> 32);
            for (int i = 0; i < HASHES; i++) {
                long bit = Integer.toUnsignedLong(h1 + i * h2) % m;
                if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
