package dev.parasol.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A column read from format 2: references are read in place once their section is inflated,
 * and a dictionary page is inflated, and a value made a String, only when asked for (a
 * tail-name search shows one request of a block of 50,000).
 */
final class PagedColumn extends ActivityBlock.Column {
    private final byte[] stored;
    private final int size;
    private final int distinct;
    private final int width;
    private final int chunk;
    private final BlockSections refChunks;
    private final BlockSections pageBlockSections;
    private final byte[][] firstValues;
    private final byte[][] refs;
    private final byte[][] pages;
    private final int[][] valueAt;
    private final String[] texts;

    private PagedColumn(byte[] stored, int size, int distinct, int width, int chunk, BlockSections refChunks, BlockSections pageBlockSections,
                        byte[][] firstValues) {
        this.stored = stored;
        this.size = size;
        this.distinct = distinct;
        this.width = width;
        this.chunk = chunk;
        this.refChunks = refChunks;
        this.pageBlockSections = pageBlockSections;
        this.firstValues = firstValues;
        this.refs = new byte[refChunks.at().length][];
        this.pages = new byte[firstValues.length][];
        this.valueAt = new int[firstValues.length][];
        this.texts = new String[distinct];
    }

    /** Reads the column's part of the head; {@code body[0]} is where its sections start in the body, and moves past them. */
    static PagedColumn readHead(BlockBytes.Reader r, byte[] stored, int size, int chunk, int[] body) {
        int distinct = r.intVar();
        int width = r.intVar();
        if (width < 1 || width > 4) {
            throw new IllegalStateException("corrupt activity block: reference width " + width);
        }
        BlockSections refChunks = BlockSections.readHead(r, (size + chunk - 1) / chunk, body);
        int pages = r.intVar();
        if (pages != (distinct + ActivityBlock.PAGE - 1) / ActivityBlock.PAGE) {
            throw new IllegalStateException("corrupt activity block: " + pages + " pages for " + distinct + " values");
        }
        int[] at = new int[pages];
        int[] length = new int[pages];
        int[] raw = new int[pages];
        byte[][] first = new byte[pages][];
        for (int p = 0; p < pages; p++) {
            length[p] = r.intVar();
            raw[p] = r.intVar();
            at[p] = body[0];
            body[0] += length[p];
            first[p] = r.bytes(r.intVar());
        }
        return new PagedColumn(stored, size, distinct, width, chunk, refChunks, new BlockSections(at, length, raw), first);
    }

    void moveBy(int bodyAt) {
        refChunks.moveBy(bodyAt);
        pageBlockSections.moveBy(bodyAt);
    }

    @Override
    int ref(int i) {
        int c = i / chunk;
        byte[] data = refs[c];
        if (data == null) {
            BlockBytes.Reader r = refChunks.inflate(stored, c);
            r.skip(Math.min(chunk, size - c * chunk) * width);
            data = r.buffer();
            refs[c] = data;
        }
        int p = (i - c * chunk) * width;
        byte[] refs = data;
        return switch (width) {
            case 1 -> refs[p] & 0xFF;
            case 2 -> (refs[p] & 0xFF) | (refs[p + 1] & 0xFF) << 8;
            case 3 -> (refs[p] & 0xFF) | (refs[p + 1] & 0xFF) << 8 | (refs[p + 2] & 0xFF) << 16;
            default -> (refs[p] & 0xFF) | (refs[p + 1] & 0xFF) << 8 | (refs[p + 2] & 0xFF) << 16 | (refs[p + 3] & 0xFF) << 24;
        };
    }

    @Override
    int distinct() {
        return distinct;
    }

    @Override
    String text(int ref) {
        String s = texts[ref - 1];
        if (s == null) {
            int p = (ref - 1) / ActivityBlock.PAGE;
            int k = (ref - 1) % ActivityBlock.PAGE;
            int[] at = page(p);
            s = new String(pages[p], at[2 * k], at[2 * k + 1], StandardCharsets.UTF_8);
            texts[ref - 1] = s;
        }
        return s;
    }

    /** The page's values as (offset, length) pairs into {@code pages[p]}. */
    private int[] page(int p) {
        if (pages[p] == null) {
            BlockBytes.Reader r = pageBlockSections.inflate(stored, p);
            int n = Math.min(ActivityBlock.PAGE, distinct - p * ActivityBlock.PAGE);
            int[] at = new int[2 * n];
            for (int k = 0; k < n; k++) {
                at[2 * k + 1] = r.intVar();
                at[2 * k] = r.position();
                r.skip(at[2 * k + 1]);
            }
            pages[p] = r.buffer();
            valueAt[p] = at;
        }
        return valueAt[p];
    }

    /**
     * Inflates only the pages that can hold the name or its subdomains: sorted backwards,
     * they are the values that end with the name's bytes, one run. A '.' byte is never inside
     * a multi-byte character, so "ends with '.' + name" means the same in bytes as in characters.
     */
    @Override
    boolean[] matchingName(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        boolean[] ok = new boolean[distinct + 1];
        int lo = 0;
        int hi = firstValues.length - 1;
        int start = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ActivityBlock.compareBackwards(firstValues[mid], n) <= 0) {
                start = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (int p = start; p < firstValues.length; p++) {
            if (p > start && ActivityBlock.compareBackwards(firstValues[p], n) > 0 && !endsWith(firstValues[p], firstValues[p].length, n)) {
                break;
            }
            int[] at = page(p);
            byte[] data = pages[p];
            for (int k = 0; k < at.length / 2; k++) {
                int end = at[2 * k] + at[2 * k + 1];
                int len = at[2 * k + 1];
                if (len == n.length || (len > n.length && data[end - n.length - 1] == '.')) {
                    ok[p * ActivityBlock.PAGE + k + 1] = Arrays.equals(data, end - n.length, end, n, 0, n.length);
                }
            }
        }
        return ok;
    }

    private static boolean endsWith(byte[] data, int end, byte[] suffix) {
        return end >= suffix.length && Arrays.equals(data, end - suffix.length, end, suffix, 0, suffix.length);
    }
}
