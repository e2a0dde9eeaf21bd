package dev.parasol.store;

import java.time.Instant;
import java.util.Optional;

/** One row of the admin audit log; before/after are JSON documents of the object. */
public record AuditRecord(long id, Instant time, String user, String action, String type, String object,
                          Optional<String> before, Optional<String> after, String origin) {
}
