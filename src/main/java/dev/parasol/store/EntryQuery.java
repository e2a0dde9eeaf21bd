package dev.parasol.store;

import java.time.Instant;
import java.util.Optional;

/** Filters and paging for reading a list's entries. */
public record EntryQuery(Optional<String> contains, Optional<Instant> addedSince, int limit, long offset) {
    public static EntryQuery all() {
        return new EntryQuery(Optional.empty(), Optional.empty(), Integer.MAX_VALUE, 0);
    }
}
