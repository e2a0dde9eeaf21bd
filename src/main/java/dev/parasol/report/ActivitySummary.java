package dev.parasol.report;

import dev.parasol.store.ActivityCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What happened in a time range: totals, the most blocked domains, the identities with the most
 * blocks, requests per day and hits per (enabled) category per day. {@code days} lists every UTC
 * day of the range, so per-day series line up and show quiet days as zero.
 */
public record ActivitySummary(Instant from, Instant to, ActivityCounts.Totals totals,
                              List<ActivityCounts.DomainCount> topBlockedDomains, List<ActivityCounts.IdentityCount> topIdentities,
                              List<LocalDate> days, Map<LocalDate, ActivityCounts.DayCount> perDay,
                              Map<String, Map<LocalDate, Long>> categoryHitsPerDay) {

    public List<Long> requestsPerDay() {
        return days.stream().map(d -> perDay.containsKey(d) ? perDay.get(d).requests() : 0L).toList();
    }

    public List<Long> blockedPerDay() {
        return days.stream().map(d -> perDay.containsKey(d) ? perDay.get(d).blocked() : 0L).toList();
    }

    public List<Long> categoryPerDay(String category) {
        Map<LocalDate, Long> hits = categoryHitsPerDay.getOrDefault(category, Map.of());
        return days.stream().map(d -> hits.getOrDefault(d, 0L)).toList();
    }

    public long categoryTotal(String category) {
        return categoryHitsPerDay.getOrDefault(category, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
