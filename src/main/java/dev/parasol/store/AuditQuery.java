package dev.parasol.store;

import java.time.Instant;
import java.util.Optional;

/** Filters for the audit log; every present field must match. */
public record AuditQuery(Optional<String> user, Optional<String> action, Optional<String> type,
                         Optional<String> objectContains, Optional<Instant> from, Optional<Instant> to,
                         int limit, long offset) {
}
