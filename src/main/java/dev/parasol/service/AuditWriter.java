package dev.parasol.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parasol.Json;
import dev.parasol.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Writes audit records inside the caller's transaction, so a change and its record commit together. */
public final class AuditWriter {
    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";

    private AuditWriter() {
    }

    /** Writes the record; returns its id. */
    public static long record(Tx tx, Instant at, Actor actor, String action, String type, String object,
                       Object before, Object after) throws SQLException {
        return tx.audit().append(at, actor.user(), action, type, object, json(before), json(after), actor.origin());
    }

    private static Optional<String> json(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit JSON", e);
        }
    }
}
