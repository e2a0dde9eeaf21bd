package dev.parasol.store;

import dev.parasol.policy.Decision;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.Deflater;

/**
 * The requests of one activity block, as columns: times, verdicts, and for each text field an
 * index into the block's own dictionary of the distinct values. A filter is decided once per
 * distinct value ({@link Column#matching}), not once per request, and only the requests a search
 * returns become {@link ActivityRecord}s.
 *
 * <p>Format 2 (V9), so a search inflates only what it reads. A head, not deflated: the byte 2
 * (format 1 starts with a zlib header, whose low four bits are 8), the count, the chunk size
 * ({@link #CHUNK} requests), the number of fields, each times chunk's deflated and inflated
 * lengths, then per field: the number of distinct values, the reference width, each references
 * chunk's lengths, the number of dictionary pages and per page its lengths and first value. Then
 * every section, each deflated on its own, in that order. A times chunk holds zigzag varint
 * deltas in nanoseconds (the first from 0) and a bitmap of blocked requests; a references chunk
 * one fixed-width little-endian reference per request (0: absent, else the value's place in the
 * dictionary, from 1), read in place; a page up to {@link #PAGE} values. Names are sorted by
 * their bytes read backwards ({@link PagedColumn#matchingName}).
 *
 * <p>Format 1 (V7): the whole block deflated: version 1, count, the dictionaries, then per
 * request the time delta, the verdict and one varint per field. Still read; never written.
 */
final class ActivityBlock {
    static final int ROWS_FORMAT = 1;
    static final int COLUMNS_FORMAT = 2;
    /** Categories as shown ("ThreatConnect, ThreatQ"); display names never contain the separator. */
    static final String CATEGORY_SEPARATOR = ", ";

    enum Field { IDENTITY, CLIENT, DOMAIN, QUERY_TYPE, POLICY, CATEGORIES, LIST, ENTRY, SOURCE }

    static final Field[] FIELDS = Field.values();

    /** Dictionary values per page: a lookup inflates a few kilobytes, not the whole dictionary. */
    static final int PAGE = 256;

    /**
     * Requests per chunk of the times and of each column's references: a search that shows one
     * request of a block inflates a chunk of each, not the whole block.
     */
    static final int CHUNK = 4096;

    final int size;
    private long[] nanos;
    private boolean[] blocked;
    private final Column[] columns;
    /** Format 2 as read: the stored bytes, the times' sections, and the chunks read so far. */
    private final byte[] stored;
    private final int chunk;
    private final BlockSections times;
    private long[][] timeChunks;
    private boolean[][] blockedChunks;

    ActivityBlock(int size, long[] nanos, boolean[] blocked, Column[] columns) {
        this(size, nanos, blocked, columns, null, CHUNK, null);
    }

    private ActivityBlock(int size, long[] nanos, boolean[] blocked, Column[] columns, byte[] stored, int chunk, BlockSections times) {
        this.size = size;
        this.nanos = nanos;
        this.blocked = blocked;
        this.columns = columns;
        this.stored = stored;
        this.chunk = chunk;
        this.times = times;
    }

    /** The block of {@code records}, in their order. */
    static ActivityBlock of(List<ActivityRecord> records) {
        ActivityBatch batch = new ActivityBatch();
        records.forEach(batch::add);
        return batch.block();
    }

    /** Request times in nanoseconds since the epoch, by index. */
    long[] nanos() {
        if (nanos == null) {
            readAllTimes();
        }
        return nanos;
    }

    boolean[] blocked() {
        if (blocked == null) {
            readAllTimes();
        }
        return blocked;
    }

    /** The time of one request, reading only its chunk. */
    long nanosAt(int i) {
        if (nanos != null) {
            return nanos[i];
        }
        return timeChunk(i / chunk)[i % chunk];
    }

    boolean blockedAt(int i) {
        if (blocked != null) {
            return blocked[i];
        }
        timeChunk(i / chunk);
        return blockedChunks[i / chunk][i % chunk];
    }

    private int chunks() {
        return (size + chunk - 1) / chunk;
    }

    private void readAllTimes() {
        long[] t = new long[size];
        boolean[] b = new boolean[size];
        for (int c = 0; c < chunks(); c++) {
            System.arraycopy(timeChunk(c), 0, t, c * chunk, timeChunks[c].length);
            System.arraycopy(blockedChunks[c], 0, b, c * chunk, blockedChunks[c].length);
        }
        nanos = t;
        blocked = b;
    }

    Column column(Field field) {
        return columns[field.ordinal()];
    }

    private long[] timeChunk(int c) {
        if (timeChunks == null) {
            timeChunks = new long[chunks()][];
            blockedChunks = new boolean[chunks()][];
        }
        if (timeChunks[c] == null) {
            readTimes(c);
        }
        return timeChunks[c];
    }

    /** A chunk's times are deltas from the one before, the first from 0. */
    private void readTimes(int c) {
        BlockBytes.Reader r = times.inflate(stored, c);
        int size = Math.min(chunk, this.size - c * chunk);
        long[] t = new long[size];
        // Every search that reads a block reads its times: varints decoded in one tight loop.
        byte[] in = r.buffer();
        int p = r.position();
        long previous = 0;
        try {
            for (int i = 0; i < size; i++) {
                long v = 0;
                int shift = 0;
                byte b;
                do {
                    b = in[p++];
                    v |= (long) (b & 0x7F) << shift;
                    shift += 7;
                } while (b < 0);
                previous += (v >>> 1) ^ -(v & 1);
                t[i] = previous;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("truncated activity block", e);
        }
        r.skip(p - r.position());
        byte[] bits = r.bytes((size + 7) / 8);
        boolean[] b = new boolean[size];
        for (int i = 0; i < size; i++) {
            b[i] = (bits[i >>> 3] & (1 << (i & 7))) != 0;
        }
        timeChunks[c] = t;
        blockedChunks[c] = b;
    }

    byte[] encode() {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            BlockBytes.Writer head = new BlockBytes.Writer();
            BlockBytes.Writer body = new BlockBytes.Writer();
            head.varint(COLUMNS_FORMAT);
            head.varint(size);
            head.varint(CHUNK);
            head.varint(FIELDS.length);
            for (int c = 0; c * CHUNK < size; c++) {
                section(deflater, head, body, timesBytes(c * CHUNK, Math.min(size, (c + 1) * CHUNK)));
            }
            for (Field f : FIELDS) {
                writeColumn(deflater, head, body, column(f), f == Field.DOMAIN);
            }
            byte[] b = body.toArray();
            head.bytes(b, b.length);
            return head.toArray();
        } finally {
            deflater.end();
        }
    }

    private BlockBytes.Writer timesBytes(int from, int to) {
        long[] t = nanos();
        boolean[] b = blocked();
        BlockBytes.Writer w = new BlockBytes.Writer();
        long previous = 0;
        for (int i = from; i < to; i++) {
            w.zigzag(t[i] - previous);
            previous = t[i];
        }
        byte[] bits = new byte[(to - from + 7) / 8];
        for (int i = from; i < to; i++) {
            if (b[i]) {
                bits[(i - from) >>> 3] |= (byte) (1 << ((i - from) & 7));
            }
        }
        w.bytes(bits, bits.length);
        return w;
    }

    /** Its deflated and inflated lengths go to the head, its bytes to the body. */
    private static void section(Deflater deflater, BlockBytes.Writer head, BlockBytes.Writer body, BlockBytes.Writer raw) {
        byte[] packed = BlockBytes.deflate(deflater, raw);
        head.varint(packed.length);
        head.varint(raw.size());
        body.bytes(packed, packed.length);
    }

    /**
     * Names are sorted by their bytes read backwards, so a name and its subdomains sit together
     * and a page's first value tells a lookup which pages to inflate; other columns are only
     * ever scanned whole and keep their order (sorting costs an import time).
     */
    private void writeColumn(Deflater deflater, BlockBytes.Writer head, BlockBytes.Writer body, Column c, boolean sorted) {
        int distinct = c.distinct();
        byte[][] values = new byte[distinct][];
        for (int i = 0; i < distinct; i++) {
            values[i] = c.text(i + 1).getBytes(StandardCharsets.UTF_8);
        }
        int[] order = null;
        int[] newRef = null;
        if (sorted) {
            // Each value backwards, then a 0 byte (names never hold one, so a name still sorts
            // before its subdomains) and its index: one array sort, no boxed indexes.
            byte[][] keys = new byte[distinct][];
            for (int i = 0; i < distinct; i++) {
                byte[] v = values[i];
                byte[] k = new byte[v.length + 4];
                for (int j = 0; j < v.length; j++) {
                    k[j] = v[v.length - 1 - j];
                }
                k[v.length + 1] = (byte) (i >>> 16);
                k[v.length + 2] = (byte) (i >>> 8);
                k[v.length + 3] = (byte) i;
                keys[i] = k;
            }
            Arrays.sort(keys, Arrays::compareUnsigned);
            order = new int[distinct];
            newRef = new int[distinct + 1];
            for (int rank = 0; rank < distinct; rank++) {
                byte[] k = keys[rank];
                int i = (k[k.length - 3] & 0xFF) << 16 | (k[k.length - 2] & 0xFF) << 8 | (k[k.length - 1] & 0xFF);
                order[rank] = i;
                newRef[i + 1] = rank + 1;
            }
        }
        head.varint(distinct);
        int width = distinct <= 0xFF ? 1 : distinct <= 0xFFFF ? 2 : distinct <= 0xFFFFFF ? 3 : 4;
        head.varint(width);
        int[] renumbered = newRef;
        BlockBytes.Writer refs = new BlockBytes.Writer();
        for (int from = 0; from < size; from += CHUNK) {
            int first = from;
            refs.reset();
            refs.fixed(Math.min(CHUNK, size - from), width, renumbered == null ? i -> c.ref(first + i) : i -> renumbered[c.ref(first + i)]);
            section(deflater, head, body, refs);
        }
        int pages = (distinct + PAGE - 1) / PAGE;
        head.varint(pages);
        BlockBytes.Writer page = new BlockBytes.Writer();
        for (int p = 0; p < pages; p++) {
            page.reset();
            for (int rank = p * PAGE; rank < Math.min(distinct, (p + 1) * PAGE); rank++) {
                byte[] v = values[order == null ? rank : order[rank]];
                page.varint(v.length);
                page.bytes(v, v.length);
            }
            section(deflater, head, body, page);
            byte[] first = values[order == null ? p * PAGE : order[p * PAGE]];
            head.varint(first.length);
            head.bytes(first, first.length);
        }
    }

    /** Compares the bytes as if each array were reversed, unsigned. */
    static int compareBackwards(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 1; i <= n; i++) {
            int x = a[a.length - i] & 0xFF;
            int y = b[b.length - i] & 0xFF;
            if (x != y) {
                return x - y;
            }
        }
        return a.length - b.length;
    }

    static ActivityBlock decode(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == COLUMNS_FORMAT) {
            return decodeColumns(bytes);
        }
        return decodeRows(bytes);
    }

    /** Reads the head only: sections are inflated when first used. */
    private static ActivityBlock decodeColumns(byte[] bytes) {
        BlockBytes.Reader r = new BlockBytes.Reader(bytes, bytes.length);
        r.intVar();
        int n = r.intVar();
        int chunk = r.intVar();
        int fields = r.intVar();
        if (chunk < 1 || fields != FIELDS.length) {
            throw new IllegalStateException("activity block with " + fields + " fields: written by a newer Parasol; upgrade Parasol");
        }
        int chunks = (n + chunk - 1) / chunk;
        // Offsets are relative to the body until the head's end is known.
        int[] body = {0};
        BlockSections times = BlockSections.readHead(r, chunks, body);
        PagedColumn[] columns = new PagedColumn[FIELDS.length];
        for (int f = 0; f < FIELDS.length; f++) {
            columns[f] = PagedColumn.readHead(r, bytes, n, chunk, body);
        }
        int bodyAt = r.position();
        if ((long) bodyAt + body[0] > bytes.length) {
            throw new IllegalStateException("truncated activity block");
        }
        times.moveBy(bodyAt);
        for (PagedColumn c : columns) {
            c.moveBy(bodyAt);
        }
        return new ActivityBlock(n, null, null, columns, bytes, chunk, times);
    }

    /** Format 1: everything at once. */
    private static ActivityBlock decodeRows(byte[] bytes) {
        BlockBytes.Reader r = BlockBytes.inflated(bytes);
        int version = r.intVar();
        if (version != ROWS_FORMAT) {
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
        Column[] columns = new Column[FIELDS.length];
        for (int f = 0; f < FIELDS.length; f++) {
            columns[f] = new ArrayColumn(refs[f], dictionaries[f]);
        }
        return new ActivityBlock(n, nanos, blocked, columns);
    }

    String text(Field field, int i) {
        Column c = column(field);
        int ref = c.ref(i);
        return ref == 0 ? null : c.text(ref);
    }

    Instant time(int i) {
        return instant(nanosAt(i));
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
                text(Field.QUERY_TYPE, i), blockedAt(i) ? Verdict.BLOCKED : Verdict.ALLOWED, text(Field.POLICY, i),
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

    /** One text field of a block: a dictionary of its distinct values and a reference per request. */
    abstract static class Column {
        /** 0 when the request has no value, else the value's place in the dictionary, from 1. */
        abstract int ref(int i);

        abstract int distinct();

        /** The value of a reference from 1 to {@link #distinct()}. */
        abstract String text(int ref);

        /** Which refs satisfy {@code test}; ref 0 (absent) never does. */
        boolean[] matching(Predicate<String> test) {
            boolean[] ok = new boolean[distinct() + 1];
            for (int ref = 1; ref < ok.length; ref++) {
                ok[ref] = test.test(text(ref));
            }
            return ok;
        }

        /** Which refs are {@code name} or one of its subdomains. */
        boolean[] matchingName(String name) {
            String dotted = "." + name;
            return matching(v -> v.equals(name) || v.endsWith(dotted));
        }
    }

    /** A column built in memory or read from format 1. */
    static final class ArrayColumn extends Column {
        private final int[] refs;
        private final String[] dictionary;

        ArrayColumn(int[] refs, String[] dictionary) {
            this.refs = refs;
            this.dictionary = dictionary;
        }

        @Override
        int ref(int i) {
            return refs[i];
        }

        @Override
        int distinct() {
            return dictionary.length;
        }

        @Override
        String text(int ref) {
            return dictionary[ref - 1];
        }
    }
}
