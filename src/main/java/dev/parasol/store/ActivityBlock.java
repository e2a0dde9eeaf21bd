package dev.parasol.store;

import dev.parasol.policy.Decision;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Verdict;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The requests of one activity block, as columns: times, verdicts, and for each text field an
 * index into the block's own dictionary of the distinct values. A filter is decided once per
 * distinct value ({@link #matching}), not once per request, and only the requests a search
 * returns become {@link ActivityRecord}s.
 *
 * <p>Encoded (then deflated): version, count, the dictionaries, then per request the time as a
 * zigzag varint delta in nanoseconds, the verdict, and one varint per text field (0: absent,
 * else dictionary index + 1).
 */
final class ActivityBlock {
    private static final int VERSION = 1;
    /** Categories as shown ("ThreatConnect, ThreatQ"); display names never contain the separator. */
    static final String CATEGORY_SEPARATOR = ", ";

    enum Field { IDENTITY, CLIENT, DOMAIN, QUERY_TYPE, POLICY, CATEGORIES, LIST, ENTRY, SOURCE }

    static final Field[] FIELDS = Field.values();

    final int size;
    final long[] nanos;
    final boolean[] blocked;
    /** [field][request]: 0 absent, else index + 1 into {@link #dictionaries}[field]. */
    final int[][] refs;
    final String[][] dictionaries;

    ActivityBlock(int size, long[] nanos, boolean[] blocked, int[][] refs, String[][] dictionaries) {
        this.size = size;
        this.nanos = nanos;
        this.blocked = blocked;
        this.refs = refs;
        this.dictionaries = dictionaries;
    }

    /** The block of {@code records}, in their order. */
    static ActivityBlock of(List<ActivityRecord> records) {
        ActivityBatch batch = new ActivityBatch();
        records.forEach(batch::add);
        return batch.block();
    }

    byte[] encode() {
        BlockBytes.Writer w = new BlockBytes.Writer();
        w.varint(VERSION);
        w.varint(size);
        for (String[] d : dictionaries) {
            w.varint(d.length);
            for (String v : d) {
                w.string(v);
            }
        }
        long previous = 0;
        for (int i = 0; i < size; i++) {
            w.zigzag(nanos[i] - previous);
            previous = nanos[i];
            w.varint(blocked[i] ? 1 : 0);
            for (int f = 0; f < FIELDS.length; f++) {
                w.varint(refs[f][i]);
            }
        }
        return w.deflated();
    }

    static ActivityBlock decode(byte[] bytes) {
        BlockBytes.Reader r = BlockBytes.inflated(bytes);
        int version = r.intVar();
        if (version != VERSION) {
            throw new IllegalStateException("activity block version " + version + " is newer than this Parasol understands; upgrade Parasol");
        }
        int n = r.intVar();
        String[][] dictionaries = new String[FIELDS.length][];
        for (int f = 0; f < FIELDS.length; f++) {
            String[] d = new String[r.intVar()];
            for (int i = 0; i < d.length; i++) {
                d[i] = r.string();
            }
            dictionaries[f] = d;
        }
        long[] nanos = new long[n];
        boolean[] blocked = new boolean[n];
        int[][] refs = new int[FIELDS.length][n];
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += r.zigzag();
            nanos[i] = t;
            blocked[i] = r.varint() == 1;
            for (int f = 0; f < FIELDS.length; f++) {
                refs[f][i] = r.intVar();
            }
        }
        return new ActivityBlock(n, nanos, blocked, refs, dictionaries);
    }

    /** Which dictionary refs of {@code field} satisfy {@code test}; index 0 (absent) never does. */
    boolean[] matching(Field field, Predicate<String> test) {
        String[] d = dictionaries[field.ordinal()];
        boolean[] ok = new boolean[d.length + 1];
        for (int i = 0; i < d.length; i++) {
            ok[i + 1] = test.test(d[i]);
        }
        return ok;
    }

    String text(Field field, int i) {
        int ref = refs[field.ordinal()][i];
        return ref == 0 ? null : dictionaries[field.ordinal()][ref - 1];
    }

    Instant time(int i) {
        return instant(nanos[i]);
    }

    ActivityRecord record(int i) {
        String identity = text(Field.IDENTITY, i);
        Optional<Identity> id = Optional.empty();
        if (identity != null) {
            int colon = identity.indexOf(':');
            id = Optional.of(new Identity(IdentityType.fromLabel(identity.substring(0, colon)), identity.substring(colon + 1)));
        }
        String categories = text(Field.CATEGORIES, i);
        String list = text(Field.LIST, i);
        String entry = text(Field.ENTRY, i);
        return new ActivityRecord(time(i), id, Optional.ofNullable(text(Field.CLIENT, i)), new DomainName(text(Field.DOMAIN, i)),
                text(Field.QUERY_TYPE, i), blocked[i] ? Verdict.BLOCKED : Verdict.ALLOWED, text(Field.POLICY, i),
                categories == null ? List.of() : Arrays.asList(categories.split(CATEGORY_SEPARATOR)),
                list == null ? Optional.empty() : Optional.of(new Decision.Match(list, entry == null ? "" : entry)),
                text(Field.SOURCE, i));
    }

    static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
