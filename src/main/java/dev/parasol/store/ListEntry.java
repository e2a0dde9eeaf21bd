package dev.parasol.store;

import java.time.Instant;
import java.util.Optional;

/** One stored entry of a destination list; addedAt is when it was first seen. */
public record ListEntry(long id, long listId, String domain, Optional<String> comment, Instant addedAt,
                        String addedBy, String origin, Instant lastSeenAt, long timesSeen, Optional<String> lastSource) {
}
