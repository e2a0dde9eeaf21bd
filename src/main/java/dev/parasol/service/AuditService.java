package dev.parasol.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.ParasolException;
import dev.parasol.policy.DestinationList;
import dev.parasol.store.AuditQuery;
import dev.parasol.store.AuditRecord;
import dev.parasol.store.ListRepository;
import dev.parasol.store.Store;
import dev.parasol.store.Tx;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The admin audit log: searching it, and undoing a recorded change from its before state. */
public final class AuditService {
    private static final String ENTRY = "destination-list-entry";

    private final Store store;
    private final Clock clock;

    public AuditService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<AuditRecord> search(AuditQuery query) {
        return store.read(tx -> tx.audit().search(query));
    }

    /** What a revert did, in words, and the record it undid. */
    public record Reverted(AuditRecord undone, String change) {
    }

    /**
     * Undoes audit record {@code id}: an entry added is removed, an entry removed is put back
     * (with its comment). The revert is itself a change, recorded with {@code revertOf}. Other
     * kinds of change are refused, saying so, rather than half undone.
     */
    public Reverted revert(Actor actor, long id) {
        return store.inTransaction(tx -> {
            AuditRecord r = tx.audit().findById(id).orElseThrow(() -> ParasolException.notFound("no audit record " + id));
            if (!ENTRY.equals(r.type())) {
                throw ParasolException.conflict("audit record " + id + " (" + r.type() + " " + r.action()
                        + ") cannot be reverted: revert undoes destination-list entries added or removed");
            }
            return switch (r.action()) {
                case AuditWriter.CREATE -> new Reverted(r, removeAgain(tx, actor, r, state(r.after(), id)));
                case AuditWriter.DELETE -> new Reverted(r, putBack(tx, actor, r, state(r.before(), id)));
                default -> throw ParasolException.conflict("audit record " + id + " (" + r.type() + " " + r.action()
                        + ") cannot be reverted");
            };
        });
    }

    private static JsonNode state(Optional<String> json, long id) {
        try {
            JsonNode node = Json.mapper().readTree(json.orElse("{}"));
            if (!node.hasNonNull("list") || !node.hasNonNull("domain")) {
                throw ParasolException.conflict("audit record " + id + " does not say which list and domain it changed");
            }
            return node;
        } catch (IOException e) {
            throw ParasolException.conflict("audit record " + id + " holds unreadable JSON: " + e.getMessage());
        }
    }

    private static DestinationList list(Tx tx, JsonNode state, long id) throws SQLException {
        String name = state.get("list").asText();
        return tx.lists().findByName(name).orElseThrow(() -> ParasolException.conflict(
                "cannot revert audit record " + id + ": the list '" + name + "' no longer exists"));
    }

    private String removeAgain(Tx tx, Actor actor, AuditRecord r, JsonNode added) throws SQLException {
        DestinationList l = list(tx, added, r.id());
        String domain = added.get("domain").asText();
        ListRepository lists = tx.lists();
        if (lists.findEntry(l.id(), domain).isEmpty()) {
            throw ParasolException.conflict("cannot revert audit record " + r.id() + ": " + domain + " is no longer on '" + l.name() + "'");
        }
        Instant now = clock.instant();
        lists.deleteEntry(l.id(), domain);
        if (l.integrationOwned()) {
            lists.rememberDeleted(l.id(), domain, now, actor.user());
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("list", l.name());
        before.put("domain", domain);
        before.put("revertOf", r.id());
        AuditWriter.record(tx, now, actor, AuditWriter.DELETE, ENTRY, l.name() + ": " + domain, before, null);
        return "removed " + domain + " from '" + l.name() + "'";
    }

    private String putBack(Tx tx, Actor actor, AuditRecord r, JsonNode removed) throws SQLException {
        DestinationList l = list(tx, removed, r.id());
        String domain = removed.get("domain").asText();
        ListRepository lists = tx.lists();
        if (lists.findEntry(l.id(), domain).isPresent()) {
            throw ParasolException.conflict("cannot revert audit record " + r.id() + ": " + domain + " is on '" + l.name() + "' again");
        }
        Instant now = clock.instant();
        Optional<String> comment = Optional.ofNullable(removed.get("comment")).map(JsonNode::asText);
        lists.insertEntry(l.id(), domain, comment, now, actor.user(), actor.origin());
        if (l.integrationOwned()) {
            lists.forgetDeleted(l.id(), domain);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("list", l.name());
        after.put("domain", domain);
        comment.ifPresent(c -> after.put("comment", c));
        after.put("revertOf", r.id());
        AuditWriter.record(tx, now, actor, AuditWriter.CREATE, ENTRY, l.name() + ": " + domain, null, after);
        return "put " + domain + " back on '" + l.name() + "'";
    }
}
