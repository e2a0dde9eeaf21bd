package dev.parasol.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a report needs of some requests, per UTC day: requests and blocked, hits per category,
 * requests and blocks per identity, blocks per domain. Each block stores the tally of its
 * requests, written with them; a report merges the tallies of the blocks inside its range and
 * counts only the requests of the blocks that straddle its ends, so it reads blocks, not requests.
 */
public final class ActivityTally {
    private static final int VERSION = 1;

    private final Map<LocalDate, Day> days = new TreeMap<>();

    private static final class Day {
        long requests;
        long blocked;
        final Map<String, long[]> categories = new HashMap<>();
        /** "type:value", or "" for requests no identity was known for: {requests, blocked}. */
        final Map<String, long[]> identities = new HashMap<>();
        final Map<String, long[]> blockedDomains = new HashMap<>();
    }

    /**
     * The tally of a block's requests in [fromNanos, toNanos): counted per dictionary reference
     * and day first, so each request costs a few array increments, then named.
     */
    static ActivityTally of(ActivityBlock b, long fromNanos, long toNanos) {
        ActivityBlock.Column identities = b.column(ActivityBlock.Field.IDENTITY);
        ActivityBlock.Column categories = b.column(ActivityBlock.Field.CATEGORIES);
        ActivityBlock.Column domains = b.column(ActivityBlock.Field.DOMAIN);
        long[] nanos = b.nanos();
        boolean[] blocked = b.blocked();
        final class ByRef {
            final long[] identityRequests = new long[identities.distinct() + 1];
            final long[] identityBlocked = new long[identities.distinct() + 1];
            final long[] categoryHits = new long[categories.distinct() + 1];
            final long[] domainBlocked = new long[domains.distinct() + 1];
        }
        Map<Long, ByRef> byDay = new TreeMap<>();
        long lastDay = Long.MIN_VALUE;
        ByRef counts = null;
        ActivityTally t = new ActivityTally();
        for (int i = 0; i < b.size; i++) {
            long n = nanos[i];
            if (n < fromNanos || n >= toNanos) {
                continue;
            }
            long day = Math.floorDiv(n, 86_400_000_000_000L);
            if (day != lastDay) {
                counts = byDay.computeIfAbsent(day, k -> new ByRef());
                lastDay = day;
            }
            Day d = t.day(LocalDate.ofEpochDay(day));
            d.requests++;
            int identity = identities.ref(i);
            counts.identityRequests[identity]++;
            counts.categoryHits[categories.ref(i)]++;
            if (blocked[i]) {
                d.blocked++;
                counts.identityBlocked[identity]++;
                counts.domainBlocked[domains.ref(i)]++;
            }
        }
        byDay.forEach((day, c) -> {
            Day d = t.day(LocalDate.ofEpochDay(day));
            for (int ref = 0; ref < c.identityRequests.length; ref++) {
                if (c.identityRequests[ref] > 0) {
                    d.identities.put(ref == 0 ? "" : identities.text(ref), new long[] {c.identityRequests[ref], c.identityBlocked[ref]});
                }
            }
            for (int ref = 1; ref < c.categoryHits.length; ref++) {
                if (c.categoryHits[ref] > 0) {
                    for (String category : categories.text(ref).split(ActivityBlock.CATEGORY_SEPARATOR)) {
                        d.categories.computeIfAbsent(category, k -> new long[1])[0] += c.categoryHits[ref];
                    }
                }
            }
            for (int ref = 1; ref < c.domainBlocked.length; ref++) {
                if (c.domainBlocked[ref] > 0) {
                    d.blockedDomains.put(domains.text(ref), new long[] {c.domainBlocked[ref]});
                }
            }
        });
        return t;
    }

    void merge(ActivityTally other) {
        other.days.forEach((date, o) -> {
            Day d = day(date);
            d.requests += o.requests;
            d.blocked += o.blocked;
            mergeCounts(d.categories, o.categories);
            mergeCounts(d.identities, o.identities);
            mergeCounts(d.blockedDomains, o.blockedDomains);
        });
    }

    private static void mergeCounts(Map<String, long[]> into, Map<String, long[]> from) {
        from.forEach((k, v) -> {
            long[] t = into.computeIfAbsent(k, x -> new long[v.length]);
            for (int i = 0; i < v.length; i++) {
                t[i] += v[i];
            }
        });
    }

    private Day day(LocalDate date) {
        return days.computeIfAbsent(date, k -> new Day());
    }

    public ActivityCounts.Totals totals() {
        long requests = 0;
        long blocked = 0;
        Set<String> values = new HashSet<>();
        for (Day d : days.values()) {
            requests += d.requests;
            blocked += d.blocked;
            for (String identity : d.identities.keySet()) {
                if (!identity.isEmpty()) {
                    values.add(identity.substring(identity.indexOf(':') + 1));
                }
            }
        }
        return new ActivityCounts.Totals(requests, blocked, values.size());
    }

    /** Most blocked first, then by name. */
    public List<ActivityCounts.DomainCount> topBlockedDomains(int limit) {
        Map<String, long[]> all = new HashMap<>();
        days.values().forEach(d -> mergeCounts(all, d.blockedDomains));
        return all.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> new ActivityCounts.DomainCount(e.getKey(), e.getValue()[0])).toList();
    }

    /** Most blocks first, then most requests, then by value (requests without an identity first). */
    public List<ActivityCounts.IdentityCount> topIdentities(int limit) {
        Map<String, long[]> all = new HashMap<>();
        days.values().forEach(d -> mergeCounts(all, d.identities));
        Comparator<Map.Entry<String, long[]>> order = Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[1])
                .thenComparingLong(e -> -e.getValue()[0])
                .thenComparing(e -> e.getKey().substring(e.getKey().indexOf(':') + 1))
                .thenComparing(Map.Entry::getKey);
        return all.entrySet().stream().sorted(order).limit(limit)
                .map(e -> new ActivityCounts.IdentityCount(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** Days with requests, in order. */
    public List<ActivityCounts.DayCount> perDay() {
        List<ActivityCounts.DayCount> out = new ArrayList<>();
        days.forEach((date, d) -> {
            if (d.requests > 0) {
                out.add(new ActivityCounts.DayCount(date, d.requests, d.blocked));
            }
        });
        return out;
    }

    /** By category, then day. */
    public List<ActivityCounts.CategoryDayCount> categoryHitsPerDay() {
        List<ActivityCounts.CategoryDayCount> out = new ArrayList<>();
        days.forEach((date, d) -> d.categories.forEach((c, n) -> out.add(new ActivityCounts.CategoryDayCount(c, date, n[0]))));
        out.sort(Comparator.comparing(ActivityCounts.CategoryDayCount::category).thenComparing(ActivityCounts.CategoryDayCount::day));
        return out;
    }

    byte[] encode() {
        return canonical().deflated();
    }

    /** Sorted keys: equal tallies encode to equal bytes. */
    private BlockBytes.Writer canonical() {
        BlockBytes.Writer w = new BlockBytes.Writer();
        w.varint(VERSION);
        w.varint(days.size());
        days.forEach((date, d) -> {
            w.zigzag(date.toEpochDay());
            w.varint(d.requests);
            w.varint(d.blocked);
            writeCounts(w, d.categories, 1);
            writeCounts(w, d.identities, 2);
            writeCounts(w, d.blockedDomains, 1);
        });
        return w;
    }

    private static void writeCounts(BlockBytes.Writer w, Map<String, long[]> counts, int width) {
        w.varint(counts.size());
        new TreeMap<>(counts).forEach((k, v) -> {
            w.string(k);
            for (int i = 0; i < width; i++) {
                w.varint(v[i]);
            }
        });
    }

    static ActivityTally decode(byte[] bytes) {
        BlockBytes.Reader r = BlockBytes.inflated(bytes);
        int version = r.intVar();
        if (version != VERSION) {
            throw new IllegalStateException("activity tally version " + version + " is newer than this Parasol understands; upgrade Parasol");
        }
        ActivityTally t = new ActivityTally();
        int n = r.intVar();
        for (int i = 0; i < n; i++) {
            Day d = t.day(LocalDate.ofEpochDay(r.zigzag()));
            d.requests = r.varint();
            d.blocked = r.varint();
            readCounts(r, d.categories, 1);
            readCounts(r, d.identities, 2);
            readCounts(r, d.blockedDomains, 1);
        }
        return t;
    }

    private static void readCounts(BlockBytes.Reader r, Map<String, long[]> into, int width) {
        int n = r.intVar();
        for (int i = 0; i < n; i++) {
            String k = r.string();
            long[] v = new long[width];
            for (int j = 0; j < width; j++) {
                v[j] = r.varint();
            }
            into.put(k, v);
        }
    }

    /** Equal when every count of every day is equal (used to check stored tallies against a recount). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ActivityTally t && java.util.Arrays.equals(canonical().toArray(), t.canonical().toArray());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(canonical().toArray());
    }

    @Override
    public String toString() {
        return "ActivityTally" + perDay() + categoryHitsPerDay() + topIdentities(Integer.MAX_VALUE) + topBlockedDomains(Integer.MAX_VALUE);
    }
}
