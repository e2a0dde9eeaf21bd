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

    private ActivitySketch() {
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
        ActivityBlock.Column domains = b.column(ActivityBlock.Field.DOMAIN);
        for (int ref = 1; ref <= domains.distinct(); ref++) {
            String domain = domains.text(ref);
            for (int from = 0; from >= 0; from = next(domain, from)) {
                if (n == keys.length) {
                    keys = java.util.Arrays.copyOf(keys, n * 2);
                }
                keys[n++] = key(Kind.DOMAIN, domain, from);
            }
        }
        List<Long> others = new java.util.ArrayList<>();
        for (String identity : values(b, ActivityBlock.Field.IDENTITY)) {
            others.add(key(Kind.IDENTITY, identity, identity.indexOf(':') + 1));
        }
        for (String policy : values(b, ActivityBlock.Field.POLICY)) {
            others.add(key(Kind.POLICY, policy));
        }
        for (String categories : values(b, ActivityBlock.Field.CATEGORIES)) {
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

    private static List<String> values(ActivityBlock b, ActivityBlock.Field field) {
        ActivityBlock.Column c = b.column(field);
        List<String> out = new java.util.ArrayList<>(c.distinct());
        for (int ref = 1; ref <= c.distinct(); ref++) {
            out.add(c.text(ref));
        }
        return out;
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

    /** Whether every key may be in the stored sketch; probed in place, without copying it into words first. */
    static boolean mightContainAll(byte[] bytes, long[] keys) {
        BlockBytes.Reader r = new BlockBytes.Reader(bytes, bytes.length);
        int version = r.intVar();
        if (version != VERSION) {
            throw new IllegalStateException("activity sketch version " + version + " is newer than this Parasol understands; upgrade Parasol");
        }
        long words = r.intVar();
        int base = r.position();
        if (base + words * 8 > bytes.length) {
            throw new IllegalStateException("truncated activity sketch");
        }
        long m = words * 64;
        for (long h : keys) {
            int h1 = (int) h;
            int h2 = (int) (h >>> 32);
            for (int i = 0; i < HASHES; i++) {
                long bit = Integer.toUnsignedLong(h1 + i * h2) % m;
                // Words are stored little-endian, so bit b of the filter is bit b % 8 of byte b / 8.
                if ((bytes[base + (int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
