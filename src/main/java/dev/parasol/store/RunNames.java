package dev.parasol.store;

import java.util.List;

/**
 * The names of an entry run, sorted and front-coded in pages of {@value #PAGE} with a directory
 * of where each page starts: one name is found by a binary search over the pages' first names
 * and a scan of one page, so probing a run for a name decodes 64 names, not 5,000.
 *
 * <p>Layout: count, pages, each page's offset in the body, then the body. A page is its first
 * name whole, then for each further name the length it shares with the one before and the rest.
 */
final class RunNames {
    static final int PAGE = 64;
    private final byte[] stored;
    private final int count;
    private final int[] pageAt;
    private final String[][] pages;

    private RunNames(byte[] stored, int count, int[] pageAt) {
        this.stored = stored;
        this.count = count;
        this.pageAt = pageAt;
        this.pages = new String[pageAt.length][];
    }

    /** Encodes names that must be in strictly increasing order (a run holds each name once). */
    static byte[] encode(List<String> sorted) {
        BlockBytes.Writer body = new BlockBytes.Writer();
        int pageCount = (sorted.size() + PAGE - 1) / PAGE;
        int[] at = new int[pageCount];
        String previous = null;
        for (int i = 0; i < sorted.size(); i++) {
            String name = sorted.get(i);
            if (previous != null && previous.compareTo(name) >= 0) {
                throw new IllegalArgumentException("run names out of order: '" + previous + "' before '" + name + "'");
            }
            if (i % PAGE == 0) {
                at[i / PAGE] = body.size();
                body.string(name);
            } else {
                int shared = sharedPrefix(previous, name);
                body.varint(shared);
                body.string(name.substring(shared));
            }
            previous = name;
        }
        BlockBytes.Writer out = new BlockBytes.Writer();
        out.varint(sorted.size());
        out.varint(pageCount);
        for (int offset : at) {
            out.varint(offset);
        }
        out.bytes(body.toArray(), body.size());
        return out.toArray();
    }

    static RunNames read(byte[] stored) {
        BlockBytes.Reader r = new BlockBytes.Reader(stored, stored.length);
        int count = r.intVar();
        int pageCount = r.intVar();
        if (count < 0 || pageCount != (count + PAGE - 1) / PAGE) {
            throw new IllegalStateException("corrupt entry run: " + pageCount + " pages for " + count + " names");
        }
        int[] at = new int[pageCount];
        for (int p = 0; p < pageCount; p++) {
            at[p] = r.intVar();
        }
        int bodyStart = r.position();
        for (int p = 0; p < pageCount; p++) {
            at[p] += bodyStart;
            if (at[p] >= stored.length) {
                throw new IllegalStateException("corrupt entry run: page " + p + " starts past the end");
            }
        }
        return new RunNames(stored, count, at);
    }

    int size() {
        return count;
    }

    String get(int ordinal) {
        return page(ordinal / PAGE)[ordinal % PAGE];
    }

    /** The ordinal of {@code name}, or -1. */
    int find(String name) {
        int i = ceiling(name);
        return i < count && get(i).equals(name) ? i : -1;
    }

    /** The ordinal of the first name not below {@code name} ({@link #size()} when there is none). */
    int ceiling(String name) {
        // The last page whose first name is not above the name holds it, if any page does.
        int lo = 0;
        int hi = pageAt.length - 1;
        int page = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (firstOf(mid).compareTo(name) <= 0) {
                page = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (page < 0) {
            return 0;
        }
        String[] names = page(page);
        for (int k = 0; k < names.length; k++) {
            if (names[k].compareTo(name) >= 0) {
                return page * PAGE + k;
            }
        }
        return Math.min(count, (page + 1) * PAGE);
    }

    private String firstOf(int page) {
        if (pages[page] != null) {
            return pages[page][0];
        }
        BlockBytes.Reader r = new BlockBytes.Reader(stored, stored.length);
        r.skip(pageAt[page]);
        return r.string();
    }

    private String[] page(int page) {
        String[] names = pages[page];
        if (names != null) {
            return names;
        }
        int size = Math.min(PAGE, count - page * PAGE);
        names = new String[size];
        BlockBytes.Reader r = new BlockBytes.Reader(stored, stored.length);
        r.skip(pageAt[page]);
        names[0] = r.string();
        for (int k = 1; k < size; k++) {
            int shared = r.intVar();
            if (shared < 0 || shared > names[k - 1].length()) {
                throw new IllegalStateException("corrupt entry run: shared prefix " + shared);
            }
            names[k] = names[k - 1].substring(0, shared).concat(r.string());
        }
        pages[page] = names;
        return names;
    }

    private static int sharedPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        // Never split a surrogate pair: the rest is written as UTF-8 on its own.
        if (i > 0 && Character.isHighSurrogate(a.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
