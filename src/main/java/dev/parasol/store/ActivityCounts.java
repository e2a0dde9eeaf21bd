package dev.parasol.store;

import java.time.LocalDate;

/** Aggregates over activity, as the report reads them. */
public final class ActivityCounts {
    private ActivityCounts() {
    }

    public record Totals(long requests, long blocked, long identities) {
    }

    public record DomainCount(String domain, long requests) {
    }

    /** {@code identity} is TYPE:VALUE, or empty for requests no identity was known for. */
    public record IdentityCount(String identity, long requests, long blocked) {
    }

    public record DayCount(LocalDate day, long requests, long blocked) {
    }

    public record CategoryDayCount(String category, LocalDate day, long hits) {
    }
}
