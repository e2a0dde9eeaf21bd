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
     * (with its comment); a policy, security setting, identity, setting or integration goes back
     * to its before state ({@link ObjectReverts}). The revert is itself a change, recorded with
     * {@code revertOf}. Other kinds of change are refused, saying so, rather than half undone.
     */
    public Reverted revert(Actor actor, long id) {
        return store.inTransaction(tx -> {
            AuditRecord r = tx.audit().findById(id).orElseThrow(() -> ParasolException.notFound("no audit record " + id));
            if (isImport(r)) {
                return new Reverted(r, revertImport(tx, actor, r));
            }
            if (ObjectReverts.handles(r.type())) {
                return new Reverted(r, new ObjectReverts(clock.instant(), actor).revert(tx, r));
            }
            if (!ENTRY.equals(r.type())) {
                throw ParasolException.conflict("audit record " + id + " (" + r.type() + " " + r.action()
                        + ") cannot be reverted: revert undoes changes of list entries, policies, security settings,"
                        + " identities, settings and integrations");
            }
            return switch (r.action()) {
                case AuditWriter.CREATE -> new Reverted(r, removeAgain(tx, actor, r, state(r.after(), id)));
                case AuditWriter.DELETE -> new Reverted(r, putBack(tx, actor, r, state(r.before(), id)));
                default -> throw ParasolException.conflict("audit record " + id + " (" + r.type() + " " + r.action()
                        + ") cannot be reverted");
            };
        });
    }

    /** An import's record: an update of the list, naming its source. */
    private static boolean isImport(AuditRecord r) {
        return "destination-list".equals(r.type()) && AuditWriter.UPDATE.equals(r.action()) && r.before().isEmpty()
                && r.after().map(a -> a.contains("\"source\"")).orElse(false);
    }

    /**
     * Undoes an import: removes the names it added that nothing has sent again since (they are
     * found by their time of adding, so it works for imports of any size). Names the import only
     * refreshed, and names sent again since, stay: another source vouches for them.
     */
    private String revertImport(Tx tx, Actor actor, AuditRecord r) throws SQLException {
        DestinationList l = tx.lists().findByName(r.object()).orElseThrow(() -> ParasolException.conflict(
                "cannot revert audit record " + r.id() + ": the list '" + r.object() + "' no longer exists"));
        JsonNode imported = state(r.after(), r.id(), "source");
        long added = imported.path("added").asLong() + imported.path("reAdded").asLong();
        Instant now = clock.instant();
        List<String> sample = tx.lists().addedAndUnseenSince(l.id(), r.time(), dev.parasol.intake.ImportService.AUDITED_NAMES);
        long removed = tx.lists().deleteAddedAndUnseenSince(l.id(), r.time(),
                l.integrationOwned() ? Optional.of(actor.user()) : Optional.empty(), now);
        if (removed == 0) {
            throw ParasolException.conflict("cannot revert audit record " + r.id() + ": every name it added is gone or was sent again since");
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("revertOf", r.id());
        after.put("source", imported.path("source").asText());
        after.put("removed", removed);
        after.put("keptSentAgain", Math.max(0, added - removed));
        after.put("domains", sample);
        if (removed > sample.size()) {
            after.put("domainsTruncated", true);
        }
        AuditWriter.record(tx, now, actor, AuditWriter.UPDATE, "destination-list", l.name(), null, after);
        return "removed " + removed + " of the " + added + " names the import of " + imported.path("source").asText() + " added from '"
                + l.name() + "'" + (added > removed ? "; " + (added - removed) + " were sent again since or are gone, and stay as they are" : "");
    }

    private static JsonNode state(Optional<String> json, long id) {
        return state(json, id, "list", "domain");
    }

    private static JsonNode state(Optional<String> json, long id, String... required) {
        try {
            JsonNode node = Json.mapper().readTree(json.orElse("{}"));
            for (String field : required) {
                if (!node.hasNonNull(field)) {
                    throw ParasolException.conflict("audit record " + id + " does not say its " + field);
                }
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
            tx.deletedEntries().rememberDeleted(l.id(), domain, now, actor.user());
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
            tx.deletedEntries().forgetDeleted(l.id(), domain);
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
