package dev.parasol.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parasol.Json;
import dev.parasol.ParasolException;
import dev.parasol.policy.DestinationList;
import dev.parasol.policy.Identity;
import dev.parasol.policy.Integration;
import dev.parasol.policy.Policy;
import dev.parasol.policy.SecuritySetting;
import dev.parasol.store.AuditRecord;
import dev.parasol.store.PolicyRepository.StoredIdentity;
import dev.parasol.store.Tx;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Undoes recorded changes of whole objects — policies, security settings, identities, settings,
 * integrations — by putting the object back in its before state (or removing it, or making it
 * again). A revert is refused when the object is no longer as the record left it: undoing a
 * change on top of later ones would silently undo those too.
 */
final class ObjectReverts {
    private final Instant now;
    private final Actor actor;

    ObjectReverts(Instant now, Actor actor) {
        this.now = now;
        this.actor = actor;
    }

    static boolean handles(String type) {
        return List.of("policy", "security-setting", "identity", "setting", "integration").contains(type);
    }

    String revert(Tx tx, AuditRecord r) throws SQLException {
        JsonNode before = tree(r, r.before());
        JsonNode after = tree(r, r.after());
        return switch (r.type()) {
            case "policy" -> policy(tx, r, before, after);
            case "security-setting" -> securitySetting(tx, r, before, after);
            case "identity" -> identity(tx, r, before, after);
            case "setting" -> setting(tx, r, before, after);
            case "integration" -> integration(tx, r, before, after);
            default -> throw new IllegalArgumentException(r.type());
        };
    }

    // ---------------------------------------------------------------- policies

    private String policy(Tx tx, AuditRecord r, JsonNode before, JsonNode after) throws SQLException {
        String name = (after != null ? after : before).get("name").asText();
        Optional<Policy> current = findPolicy(tx, name);
        // Positions move whenever another policy is added or removed; that is not a change of this one.
        requireUnchanged(r, current.isPresent() ? withoutPosition(PolicyService.policyJson(tx, current.get())) : null,
                withoutPosition(after));
        if (before == null) {
            Policy p = current.orElseThrow();
            tx.policies().deletePolicy(p.id());
            tx.policies().renumber(nonDefaultOrder(tx));
            record(tx, AuditWriter.DELETE, "policy", p.name(), PolicyService.policyJson(tx, p), null, r);
            return "deleted policy '" + p.name() + "'";
        }
        long settingId = PolicyService.findSetting(tx, before.get("securitySetting").asText()).id();
        Policy base = current.orElse(null);
        long policyId = base != null ? base.id() : tx.policies().insertPolicy(name, settingId, now);
        Map<String, Object> was = base != null ? PolicyService.policyJson(tx, base) : null;
        tx.policies().setPolicySetting(policyId, settingId);
        if (base == null || !base.isDefault()) {
            Set<Long> identityIds = new LinkedHashSet<>();
            for (JsonNode i : before.get("identities")) {
                identityIds.add(identityId(tx, PolicyService.parseIdentity(i.asText())));
            }
            tx.policies().setPolicyIdentities(policyId, identityIds);
            List<Long> order = nonDefaultOrder(tx);
            order.remove(policyId);
            order.add(Math.min(Math.max(before.get("position").asInt(), 1) - 1, order.size()), policyId);
            tx.policies().renumber(order);
        }
        Set<Long> listIds = new LinkedHashSet<>();
        for (JsonNode l : before.get("lists")) {
            listIds.add(list(tx, r, l.asText()).id());
        }
        tx.policies().setPolicyLists(policyId, listIds);
        Policy restored = findPolicy(tx, name).orElseThrow();
        record(tx, base == null ? AuditWriter.CREATE : AuditWriter.UPDATE, "policy", name, was, PolicyService.policyJson(tx, restored), r);
        return (base == null ? "made policy '" : "put policy '") + name + "' back as it was before record " + r.id();
    }

    private static Optional<Policy> findPolicy(Tx tx, String name) throws SQLException {
        return tx.policies().allPolicies().stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    private static List<Long> nonDefaultOrder(Tx tx) throws SQLException {
        return new ArrayList<>(tx.policies().allPolicies().stream().filter(p -> !p.isDefault()).map(Policy::id).toList());
    }

    private long identityId(Tx tx, Identity identity) throws SQLException {
        Optional<StoredIdentity> stored = tx.policies().findIdentity(identity);
        if (stored.isPresent()) {
            return stored.get().id();
        }
        long id = tx.policies().insertIdentity(identity, Optional.empty(), now).id();
        AuditWriter.record(tx, now, actor, AuditWriter.CREATE, "identity", identity.toString(), null,
                PolicyService.identityJson(identity, Optional.empty()));
        return id;
    }

    private static DestinationList list(Tx tx, AuditRecord r, String name) throws SQLException {
        return tx.lists().findByName(name).orElseThrow(() -> ParasolException.conflict(
                "cannot revert audit record " + r.id() + ": the list '" + name + "' no longer exists"));
    }

    // ---------------------------------------------------------------- security settings

    private String securitySetting(Tx tx, AuditRecord r, JsonNode before, JsonNode after) throws SQLException {
        String name = (after != null ? after : before).get("name").asText();
        Map<Long, Integration> integrations = PolicyService.integrationsById(tx);
        Optional<SecuritySetting> current = tx.policies().findSetting(name);
        Map<String, Object> was = current.map(s -> PolicyService.settingJson(s.name(), s.integrationIds(), integrations)).orElse(null);
        requireUnchanged(r, was, after);
        if (before == null) {
            SecuritySetting s = current.orElseThrow();
            List<String> users = tx.policies().allPolicies().stream().filter(p -> p.securitySettingId() == s.id()).map(Policy::name).toList();
            if (!users.isEmpty() || s.name().equalsIgnoreCase(SecuritySetting.DEFAULT)) {
                throw ParasolException.conflict("cannot revert audit record " + r.id() + ": security setting '" + s.name()
                        + "' is used by " + String.join(", ", users));
            }
            tx.policies().deleteSetting(s.id());
            record(tx, AuditWriter.DELETE, "security-setting", s.name(), was, null, r);
            return "deleted security setting '" + s.name() + "'";
        }
        SecuritySetting s = current.isPresent() ? current.get() : tx.policies().insertSetting(name, now);
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode i : before.get("integrations")) {
            ids.add(IntegrationService.find(tx, i.asText()).id());
        }
        tx.policies().setSettingIntegrations(s.id(), ids);
        record(tx, current.isEmpty() ? AuditWriter.CREATE : AuditWriter.UPDATE, "security-setting", name, was,
                PolicyService.settingJson(name, ids, integrations), r);
        return "put security setting '" + name + "' back as it was before record " + r.id();
    }

    // ---------------------------------------------------------------- identities

    private String identity(Tx tx, AuditRecord r, JsonNode before, JsonNode after) throws SQLException {
        JsonNode state = after != null ? after : before;
        Identity identity = PolicyService.parseIdentity(state.get("type").asText() + ":" + state.get("value").asText());
        Optional<StoredIdentity> current = tx.policies().findIdentity(identity);
        Map<String, Object> was = current.map(s -> PolicyService.identityJson(identity, s.label())).orElse(null);
        requireUnchanged(r, was, after);
        if (before == null) {
            StoredIdentity s = current.orElseThrow();
            List<String> policies = PolicyService.identityView(tx, s).policies();
            if (!policies.isEmpty()) {
                throw ParasolException.conflict("cannot revert audit record " + r.id() + ": identity " + identity
                        + " is named by " + String.join(", ", policies));
            }
            tx.policies().deleteIdentity(s.id());
            record(tx, AuditWriter.DELETE, "identity", identity.toString(), was, null, r);
            return "deleted identity " + identity;
        }
        Optional<String> label = Optional.ofNullable(before.get("label")).map(JsonNode::asText);
        if (current.isPresent()) {
            tx.policies().updateIdentityLabel(current.get().id(), label);
        } else {
            long id = tx.policies().insertIdentity(identity, label, now).id();
            // Deleted with --detach: it goes back into the policies that named it, where they still exist.
            for (JsonNode p : Optional.ofNullable(before.get("policies")).map(n -> (Iterable<JsonNode>) n).orElse(List.of())) {
                Optional<Policy> policy = findPolicy(tx, p.asText());
                if (policy.isPresent()) {
                    Set<Long> ids = new LinkedHashSet<>();
                    for (Identity i : policy.get().identities()) {
                        ids.add(tx.policies().findIdentity(i).orElseThrow().id());
                    }
                    Map<String, Object> policyBefore = PolicyService.policyJson(tx, policy.get());
                    ids.add(id);
                    tx.policies().setPolicyIdentities(policy.get().id(), ids);
                    record(tx, AuditWriter.UPDATE, "policy", policy.get().name(), policyBefore,
                            PolicyService.policyJson(tx, findPolicy(tx, p.asText()).orElseThrow()), r);
                }
            }
        }
        record(tx, current.isEmpty() ? AuditWriter.CREATE : AuditWriter.UPDATE, "identity", identity.toString(), was,
                PolicyService.identityJson(identity, label), r);
        return "put identity " + identity + " back as it was before record " + r.id();
    }

    // ---------------------------------------------------------------- settings

    private String setting(Tx tx, AuditRecord r, JsonNode before, JsonNode after) throws SQLException {
        String name = r.object();
        Optional<String> current = tx.settings().get(name);
        Map<String, Object> was = current.map(v -> Map.<String, Object>of("value", v)).orElse(null);
        requireUnchanged(r, was, after);
        if (before == null) {
            tx.settings().delete(name);
            record(tx, AuditWriter.DELETE, "setting", name, was, null, r);
            return "setting " + name + " back to its default";
        }
        String value = before.get("value").asText();
        tx.settings().put(name, value);
        record(tx, AuditWriter.UPDATE, "setting", name, was, Map.of("value", value), r);
        return "setting " + name + " back to " + value;
    }

    // ---------------------------------------------------------------- integrations

    private String integration(Tx tx, AuditRecord r, JsonNode before, JsonNode after) throws SQLException {
        if (after != null && after.path("customerKeyRotated").asBoolean(false)) {
            throw ParasolException.conflict("audit record " + r.id() + " rotated a customer key; the old key is not kept,"
                    + " so it cannot be restored (the TIPs need the new URL)");
        }
        Integration i = IntegrationService.find(tx, after.get("name").asText());
        requireUnchanged(r, IntegrationService.auditJson(i), withoutKey(after));
        // Undoing the first enable disables it: its list and what it holds stay, as after a disable.
        boolean enable = before != null && before.get("enabled").asBoolean();
        if (enable == i.enabled()) {
            throw ParasolException.conflict("cannot revert audit record " + r.id() + ": nothing to undo");
        }
        if (enable && (i.customerKey().isEmpty() || i.listId().isEmpty())) {
            throw ParasolException.conflict("cannot revert audit record " + r.id() + ": enable it with parasol enable-integration " + i.name());
        }
        Integration restored = new Integration(i.id(), i.name(), i.displayName(), enable, i.customerKey(), i.listId(), i.createdAt());
        tx.integrations().update(restored);
        record(tx, AuditWriter.UPDATE, "integration", i.displayName(), IntegrationService.auditJson(i), IntegrationService.auditJson(restored), r);
        return (enable ? "enabled " : "disabled ") + i.displayName() + " again";
    }

    // ---------------------------------------------------------------- shared

    /** The object must be as the record left it ({@code after}; null: absent). */
    private static void requireUnchanged(AuditRecord r, Object current, Object after) {
        JsonNode now = current == null ? null : Json.mapper().valueToTree(current);
        JsonNode then = after == null ? null : ((JsonNode) Json.mapper().valueToTree(after)).deepCopy();
        if (then instanceof ObjectNode o) {
            o.remove("revertOf"); // the record was itself a revert
        }
        if (now == null ? then != null : !now.equals(then)) {
            throw ParasolException.conflict("cannot revert audit record " + r.id() + ": " + r.type() + " '" + r.object()
                    + "' " + (now == null ? "no longer exists" : then == null ? "exists again" : "changed since")
                    + "; revert the later changes first (parasol audit search --type " + r.type() + ")");
        }
    }

    private static JsonNode withoutPosition(Object state) {
        if (state == null) {
            return null;
        }
        ObjectNode copy = ((JsonNode) Json.mapper().valueToTree(state)).deepCopy();
        copy.remove("position");
        return copy;
    }

    private static JsonNode withoutKey(JsonNode state) {
        ObjectNode copy = state.deepCopy();
        copy.remove("customerKeyRotated");
        return copy;
    }

    private void record(Tx tx, String action, String type, String object, Object before, Map<String, Object> after,
                        AuditRecord reverted) throws SQLException {
        Map<String, Object> b = before == null ? null : withRevertOf(before, reverted);
        Map<String, Object> a = after == null ? null : withRevertOf(after, reverted);
        AuditWriter.record(tx, now, actor, action, type, object, b, a);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withRevertOf(Object state, AuditRecord reverted) {
        Map<String, Object> m = new LinkedHashMap<>(state instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Json.mapper().convertValue(state, Map.class));
        m.put("revertOf", reverted.id());
        return m;
    }

    private static JsonNode tree(AuditRecord r, Optional<String> json) {
        if (json.isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().readTree(json.get());
        } catch (IOException e) {
            throw ParasolException.conflict("audit record " + r.id() + " holds unreadable JSON: " + e.getMessage());
        }
    }
}
