package dev.parasol.report;

import java.time.Instant;
import java.util.Optional;

/** An activity search as the user typed it; {@link ActivityService#search} resolves the names. */
public record ActivitySearch(Optional<String> category, Optional<String> verdict, Optional<String> identity,
                             Optional<String> domain, Optional<String> policy, Optional<Instant> from, Optional<Instant> to,
                             int limit, long offset) {
}
