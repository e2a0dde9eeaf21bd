package dev.parasol.service;

import dev.parasol.ParasolException;
import dev.parasol.policy.DestinationList;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Integration;
import dev.parasol.policy.InvalidDomainException;
import dev.parasol.policy.ListKind;
import dev.parasol.policy.Policy;
import dev.parasol.store.EntryQuery;
import dev.parasol.store.ListEntry;
import dev.parasol.store.Store;
import dev.parasol.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Destination lists and hand-made changes to their entries (allow, block, delete-domain). */
public final class ListService {
    private final Store store;
    private final Clock clock;

    public ListService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * One page of a list. {@code overriddenBy}: for entries that an allow list also covers (the
     * name or a parent), which allow list; the allow list wins at decision time.
     */
    public record Page(DestinationList list, long total, List<ListEntry> entries, Map<String, String> overriddenBy) {
    }

    public ListView create(Actor actor, String name, ListKind kind) {
        String clean = cleanName(name);
        return store.inTransaction(tx -> {
            if (tx.lists().findByName(clean).isPresent()) {
                throw ParasolException.conflict("a destination list named '" + clean + "' already exists");
            }
            DestinationList l = tx.lists().insert(clean, kind, Optional.empty(), clock.instant());
            AuditWriter.record(tx, clock.instant(), actor, AuditWriter.CREATE, "destination-list", l.name(), null, IntegrationService.listJson(l));
            return new ListView(l, 0, List.of());
        });
    }

    /** Deletes a custom list; refuses while policies use it unless {@code detach}. */
    public void delete(Actor actor, String name, boolean detach) {
        store.inTransaction(tx -> {
            DestinationList l = find(tx, name);
            if (!l.custom()) {
                throw ParasolException.conflict("'" + l.name() + "' is " + (l.global() ? "a global list" : "owned by an integration")
                        + " and cannot be deleted" + (l.integrationOwned() ? "; disable the integration instead" : ""));
            }
            List<String> users = policiesUsing(tx, l.id());
            if (!users.isEmpty() && !detach) {
                throw ParasolException.conflict("'" + l.name() + "' is attached to " + String.join(", ", users)
                        + "; detach it first or pass --detach");
            }
            long entries = tx.lists().countEntries(l.id(), EntryQuery.all());
            Map<String, Object> before = IntegrationService.listJson(l);
            before.put("entries", entries);
            before.put("policies", users);
            tx.lists().delete(l.id());
            AuditWriter.record(tx, clock.instant(), actor, AuditWriter.DELETE, "destination-list", l.name(), before, null);
            return null;
        });
    }

    public List<ListView> list() {
        return store.read(tx -> {
            Map<Long, Long> counts = tx.lists().entryCounts();
            List<ListView> out = new ArrayList<>();
            for (DestinationList l : tx.lists().all()) {
                out.add(new ListView(l, counts.getOrDefault(l.id(), 0L), policiesUsing(tx, l.id())));
            }
            return out;
        });
    }

    public Page entries(String listName, EntryQuery query) {
        return store.read(tx -> page(tx, find(tx, listName), query));
    }

    /** The entries of an integration's destination list (see-domains). */
    public Page integrationEntries(String integration, EntryQuery query) {
        return store.read(tx -> {
            Integration i = IntegrationService.find(tx, integration);
            DestinationList l = i.listId().flatMap(id -> findById(tx, id)).orElseThrow(() ->
                    ParasolException.conflict("integration '" + i.name() + "' has never been enabled, so it has no list yet"));
            return page(tx, l, query);
        });
    }

    private static Page page(Tx tx, DestinationList l, EntryQuery query) throws SQLException {
        List<ListEntry> entries = tx.lists().entries(l.id(), query);
        Map<String, String> overridden = new LinkedHashMap<>();
        if (l.kind() == ListKind.BLOCK) {
            Map<Long, DestinationList> allowLists = new java.util.HashMap<>();
            for (DestinationList candidate : tx.lists().all()) {
                if (candidate.kind() == ListKind.ALLOW) {
                    allowLists.put(candidate.id(), candidate);
                }
            }
            for (ListEntry e : entries) {
                for (var hit : tx.membership().lookup(DomainName.parse(e.domain()).selfAndParents())) {
                    DestinationList allow = allowLists.get(hit.listId());
                    if (allow != null) {
                        overridden.put(e.domain(), allow.name() + " (" + hit.entry() + ")");
                        break;
                    }
                }
            }
        }
        return new Page(l, tx.lists().countEntries(l.id(), query), entries, overridden);
    }

    /** Adds names to an allow or block list; the list defaults to the global one of that kind. */
    public EntryChange add(Actor actor, ListKind kind, Optional<String> listName, List<String> inputs, Optional<String> comment) {
        return store.inTransaction(tx -> {
            DestinationList l = resolveForKind(tx, kind, listName);
            Instant now = clock.instant();
            List<String> added = new ArrayList<>();
            List<String> already = new ArrayList<>();
            List<EntryChange.Rejected> rejected = new ArrayList<>();
            for (DomainName d : parseAll(inputs, rejected)) {
                if (tx.lists().findEntry(l.id(), d.value()).isPresent()) {
                    already.add(d.value());
                    continue;
                }
                tx.lists().insertEntry(l.id(), d.value(), comment, now, actor.user(), actor.origin());
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("list", l.name());
                after.put("domain", d.value());
                comment.ifPresent(c -> after.put("comment", c));
                AuditWriter.record(tx, now, actor, AuditWriter.CREATE, "destination-list-entry", l.name() + ": " + d.value(), null, after);
                added.add(d.value());
            }
            return new EntryChange(l.name(), added, already, rejected);
        });
    }

    /** Removes names from an allow or block list (by default the global one of that kind). */
    public EntryChange remove(Actor actor, ListKind kind, Optional<String> listName, List<String> inputs) {
        return store.inTransaction(tx -> removeFrom(tx, actor, resolveForKind(tx, kind, listName), inputs));
    }

    /** Removes names from an integration's list (delete-domain). A later import brings them back. */
    public EntryChange deleteFromIntegration(Actor actor, String integration, List<String> inputs) {
        return store.inTransaction(tx -> {
            Integration i = IntegrationService.find(tx, integration);
            DestinationList l = i.listId().flatMap(id -> findById(tx, id)).orElseThrow(() ->
                    ParasolException.conflict("integration '" + i.name() + "' has never been enabled, so it has no list yet"));
            return removeFrom(tx, actor, l, inputs);
        });
    }

    private EntryChange removeFrom(Tx tx, Actor actor, DestinationList l, List<String> inputs) throws SQLException {
        Instant now = clock.instant();
        List<String> removed = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<EntryChange.Rejected> rejected = new ArrayList<>();
        for (DomainName d : parseAll(inputs, rejected)) {
            Optional<ListEntry> entry = tx.lists().findEntry(l.id(), d.value());
            if (entry.isEmpty()) {
                absent.add(d.value());
                continue;
            }
            tx.lists().deleteEntry(l.id(), d.value());
            if (l.integrationOwned()) {
                tx.deletedEntries().rememberDeleted(l.id(), d.value(), now, actor.user());
            }
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("list", l.name());
            before.put("domain", d.value());
            before.put("addedAt", entry.get().addedAt().toString());
            before.put("addedBy", entry.get().addedBy());
            entry.get().comment().ifPresent(c -> before.put("comment", c));
            AuditWriter.record(tx, now, actor, AuditWriter.DELETE, "destination-list-entry", l.name() + ": " + d.value(), before, null);
            removed.add(d.value());
        }
        return new EntryChange(l.name(), removed, absent, rejected);
    }

    private static Set<DomainName> parseAll(List<String> inputs, List<EntryChange.Rejected> rejected) {
        Set<DomainName> names = new LinkedHashSet<>();
        for (String input : inputs) {
            try {
                names.add(DomainName.parse(input));
            } catch (InvalidDomainException e) {
                rejected.add(new EntryChange.Rejected(input, e.reason()));
            }
        }
        return names;
    }

    private static DestinationList resolveForKind(Tx tx, ListKind kind, Optional<String> listName) throws SQLException {
        String name = listName.orElse(kind == ListKind.ALLOW ? DestinationList.GLOBAL_ALLOW : DestinationList.GLOBAL_BLOCK);
        DestinationList l = find(tx, name);
        if (l.kind() != kind) {
            throw ParasolException.conflict("'" + l.name() + "' is a" + (l.kind() == ListKind.ALLOW ? "n allow" : " block")
                    + " list; use '" + (l.kind() == ListKind.ALLOW ? "allow" : "block") + "' for it");
        }
        if (l.integrationOwned()) {
            throw ParasolException.conflict("'" + l.name() + "' is fed by its integration; use 'parasol import' or 'parasol delete-domain'");
        }
        return l;
    }

    static DestinationList find(Tx tx, String name) throws SQLException {
        Optional<DestinationList> l = tx.lists().findByName(name);
        if (l.isPresent()) {
            return l.get();
        }
        throw Names.notFound("destination list", name, tx.lists().all().stream().map(DestinationList::name).toList());
    }

    private static Optional<DestinationList> findById(Tx tx, long id) {
        try {
            return tx.lists().findById(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> policiesUsing(Tx tx, long listId) throws SQLException {
        List<String> names = new ArrayList<>();
        for (Policy p : tx.policies().allPolicies()) {
            if (p.listIds().contains(listId)) {
                names.add(p.name());
            }
        }
        return names;
    }

    static String cleanName(String name) {
        String clean = name.strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw ParasolException.usage("a name must be 1 to 200 characters");
        }
        return clean;
    }
}
