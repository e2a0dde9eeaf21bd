package dev.parasol.service;

import dev.parasol.ParasolException;
import dev.parasol.policy.DestinationList;
import dev.parasol.policy.Identity;
import dev.parasol.policy.Integration;
import dev.parasol.policy.Policy;
import dev.parasol.policy.SecuritySetting;
import dev.parasol.store.PolicyRepository.StoredIdentity;
import dev.parasol.store.Store;
import dev.parasol.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Security settings, identities and the ordered policy table. */
public final class PolicyService {
    private final Store store;
    private final Clock clock;

    public PolicyService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- security settings

    /** Creates or updates a security setting; integrations are added and removed by name. */
    public SecuritySettingView setSecuritySetting(Actor actor, String name, List<String> addIntegrations,
                                                  List<String> removeIntegrations) {
        String clean = ListService.cleanName(name);
        return store.inTransaction(tx -> {
            Instant now = clock.instant();
            Optional<SecuritySetting> existing = tx.policies().findSetting(clean);
            SecuritySetting setting = existing.isPresent() ? existing.get() : tx.policies().insertSetting(clean, now);
            Map<Long, Integration> integrations = integrationsById(tx);
            Set<Long> ids = new LinkedHashSet<>(setting.integrationIds());
            for (String n : addIntegrations) {
                ids.add(IntegrationService.find(tx, n).id());
            }
            for (String n : removeIntegrations) {
                ids.remove(IntegrationService.find(tx, n).id());
            }
            boolean changed = existing.isEmpty() || !ids.equals(setting.integrationIds());
            if (changed) {
                tx.policies().setSettingIntegrations(setting.id(), ids);
                AuditWriter.record(tx, now, actor, existing.isEmpty() ? AuditWriter.CREATE : AuditWriter.UPDATE,
                        "security-setting", setting.name(),
                        existing.map(s -> settingJson(s.name(), s.integrationIds(), integrations)).orElse(null),
                        settingJson(setting.name(), ids, integrations));
            }
            return settingView(tx, tx.policies().findSetting(clean).orElseThrow());
        });
    }

    public List<SecuritySettingView> securitySettings() {
        return store.read(tx -> {
            List<SecuritySettingView> out = new ArrayList<>();
            for (SecuritySetting s : tx.policies().allSettings()) {
                out.add(settingView(tx, s));
            }
            return out;
        });
    }

    public SecuritySettingView securitySetting(String name) {
        return store.read(tx -> settingView(tx, findSetting(tx, name)));
    }

    public void deleteSecuritySetting(Actor actor, String name) {
        store.inTransaction(tx -> {
            SecuritySetting s = findSetting(tx, name);
            if (s.name().equalsIgnoreCase(SecuritySetting.DEFAULT)) {
                throw ParasolException.conflict("'" + SecuritySetting.DEFAULT + "' cannot be deleted");
            }
            List<String> users = new ArrayList<>();
            for (Policy p : tx.policies().allPolicies()) {
                if (p.securitySettingId() == s.id()) {
                    users.add(p.name());
                }
            }
            if (!users.isEmpty()) {
                throw ParasolException.conflict("security setting '" + s.name() + "' is used by " + String.join(", ", users)
                        + "; give those policies another setting first");
            }
            tx.policies().deleteSetting(s.id());
            AuditWriter.record(tx, clock.instant(), actor, AuditWriter.DELETE, "security-setting", s.name(),
                    settingJson(s.name(), s.integrationIds(), integrationsById(tx)), null);
            return null;
        });
    }

    private SecuritySettingView settingView(Tx tx, SecuritySetting s) throws SQLException {
        Map<Long, Integration> integrations = integrationsById(tx);
        List<String> names = s.integrationIds().stream().map(id -> integrations.get(id).name()).sorted().toList();
        List<String> policies = tx.policies().allPolicies().stream()
                .filter(p -> p.securitySettingId() == s.id()).map(Policy::name).toList();
        return new SecuritySettingView(s.name(), names, policies);
    }

    static Map<String, Object> settingJson(String name, Set<Long> ids, Map<Long, Integration> integrations) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("integrations", ids.stream().map(id -> integrations.get(id).name()).sorted().toList());
        return m;
    }

    static SecuritySetting findSetting(Tx tx, String name) throws SQLException {
        Optional<SecuritySetting> s = tx.policies().findSetting(name);
        if (s.isPresent()) {
            return s.get();
        }
        throw Names.notFound("security setting", name, tx.policies().allSettings().stream().map(SecuritySetting::name).toList());
    }

    static Map<Long, Integration> integrationsById(Tx tx) throws SQLException {
        Map<Long, Integration> m = new HashMap<>();
        for (Integration i : tx.integrations().all()) {
            m.put(i.id(), i);
        }
        return m;
    }

    // ---------------------------------------------------------------- identities

    public IdentityView addIdentity(Actor actor, String typeAndValue, Optional<String> label) {
        Identity identity = parseIdentity(typeAndValue);
        return store.inTransaction(tx -> {
            Optional<StoredIdentity> existing = tx.policies().findIdentity(identity);
            Instant now = clock.instant();
            if (existing.isEmpty()) {
                tx.policies().insertIdentity(identity, label, now);
                AuditWriter.record(tx, now, actor, AuditWriter.CREATE, "identity", identity.toString(), null, identityJson(identity, label));
            } else if (label.isPresent() && !label.equals(existing.get().label())) {
                tx.policies().updateIdentityLabel(existing.get().id(), label);
                AuditWriter.record(tx, now, actor, AuditWriter.UPDATE, "identity", identity.toString(),
                        identityJson(identity, existing.get().label()), identityJson(identity, label));
            }
            return identityView(tx, tx.policies().findIdentity(identity).orElseThrow());
        });
    }

    public List<IdentityView> identities() {
        return store.read(tx -> {
            List<IdentityView> out = new ArrayList<>();
            for (StoredIdentity s : tx.policies().allIdentities()) {
                out.add(identityView(tx, s));
            }
            return out;
        });
    }

    /** Deletes an identity; refuses while policies name it unless {@code detach}. */
    public void deleteIdentity(Actor actor, String typeAndValue, boolean detach) {
        Identity identity = parseIdentity(typeAndValue);
        store.inTransaction(tx -> {
            StoredIdentity s = tx.policies().findIdentity(identity).orElseThrow(() -> {
                try {
                    return Names.notFound("identity", identity.toString(),
                            tx.policies().allIdentities().stream().map(i -> i.identity().toString()).toList());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            IdentityView view = identityView(tx, s);
            if (!view.policies().isEmpty() && !detach) {
                throw ParasolException.conflict("identity " + identity + " is named by " + String.join(", ", view.policies())
                        + "; remove it from those policies first or pass --detach");
            }
            tx.policies().deleteIdentity(s.id());
            Map<String, Object> before = identityJson(identity, s.label());
            if (!view.policies().isEmpty()) {
                before.put("policies", view.policies()); // detached: a revert names it in them again
            }
            AuditWriter.record(tx, clock.instant(), actor, AuditWriter.DELETE, "identity", identity.toString(), before, null);
            return null;
        });
    }

    static IdentityView identityView(Tx tx, StoredIdentity s) throws SQLException {
        List<String> policies = tx.policies().allPolicies().stream()
                .filter(p -> p.identities().contains(s.identity())).map(Policy::name).toList();
        return new IdentityView(s.identity(), s.label(), policies);
    }

    static Map<String, Object> identityJson(Identity identity, Optional<String> label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", identity.type().label());
        m.put("value", identity.value());
        label.ifPresent(l -> m.put("label", l));
        return m;
    }

    public static Identity parseIdentity(String text) {
        try {
            return Identity.parse(text);
        } catch (IllegalArgumentException e) {
            throw ParasolException.usage(e.getMessage());
        }
    }

    // ---------------------------------------------------------------- policies

    /** Creates or updates a policy. A new policy goes just above the Default Policy unless placed. */
    public PolicyView setPolicy(Actor actor, String name, PolicyChange change) {
        String clean = ListService.cleanName(name);
        List<Identity> addIdentities = change.addIdentities().stream().map(PolicyService::parseIdentity).toList();
        List<Identity> removeIdentities = change.removeIdentities().stream().map(PolicyService::parseIdentity).toList();
        return store.inTransaction(tx -> {
            Instant now = clock.instant();
            List<Policy> all = tx.policies().allPolicies();
            Optional<Policy> existing = all.stream().filter(p -> p.name().equalsIgnoreCase(clean)).findFirst();
            if (existing.isPresent() && existing.get().isDefault()
                    && (!addIdentities.isEmpty() || change.placement().isPresent())) {
                throw ParasolException.conflict("the Default Policy matches every identity and is always last;"
                        + " only its security setting and lists can change");
            }
            Map<String, Object> before = existing.isPresent() ? policyJson(tx, existing.get()) : null;
            long settingId = change.securitySetting().isPresent()
                    ? findSetting(tx, change.securitySetting().get()).id()
                    : existing.map(Policy::securitySettingId).orElse(findSetting(tx, SecuritySetting.DEFAULT).id());
            long policyId = existing.isPresent() ? existing.get().id() : tx.policies().insertPolicy(clean, settingId, now);
            tx.policies().setPolicySetting(policyId, settingId);

            Set<Long> identityIds = new LinkedHashSet<>();
            if (existing.isPresent()) {
                for (Identity i : existing.get().identities()) {
                    identityIds.add(tx.policies().findIdentity(i).orElseThrow().id());
                }
            }
            for (Identity i : addIdentities) {
                Optional<StoredIdentity> stored = tx.policies().findIdentity(i);
                if (stored.isEmpty()) {
                    stored = Optional.of(tx.policies().insertIdentity(i, Optional.empty(), now));
                    AuditWriter.record(tx, now, actor, AuditWriter.CREATE, "identity", i.toString(), null, identityJson(i, Optional.empty()));
                }
                identityIds.add(stored.get().id());
            }
            for (Identity i : removeIdentities) {
                tx.policies().findIdentity(i).ifPresent(s -> identityIds.remove(s.id()));
            }
            tx.policies().setPolicyIdentities(policyId, identityIds);

            Set<Long> listIds = new LinkedHashSet<>(existing.map(Policy::listIds).orElse(List.of()));
            for (String listName : change.addLists()) {
                DestinationList l = ListService.find(tx, listName);
                if (!l.custom()) {
                    throw ParasolException.conflict("'" + l.name() + "' cannot be attached to a policy: "
                            + (l.global() ? "global lists already apply to every policy"
                            : "integration lists are enforced through a security setting (parasol security-setting set NAME --integration ...)"));
                }
                listIds.add(l.id());
            }
            for (String listName : change.removeLists()) {
                listIds.remove(ListService.find(tx, listName).id());
            }
            tx.policies().setPolicyLists(policyId, listIds);

            List<Long> order = new ArrayList<>(all.stream().filter(p -> !p.isDefault()).map(Policy::id).toList());
            if (existing.isEmpty() || change.placement().isPresent()) {
                order.remove(policyId);
                order.add(targetIndex(order, all, change.placement(), policyId), policyId);
                tx.policies().renumber(order);
            }
            Policy after = tx.policies().allPolicies().stream().filter(p -> p.id() == policyId).findFirst().orElseThrow();
            Map<String, Object> afterJson = policyJson(tx, after);
            if (!afterJson.equals(before)) {
                AuditWriter.record(tx, now, actor, existing.isEmpty() ? AuditWriter.CREATE : AuditWriter.UPDATE, "policy",
                        after.name(), before, afterJson);
            }
            return policyView(tx, after);
        });
    }

    /** Index into the non-default order where the policy should go. */
    private static int targetIndex(List<Long> order, List<Policy> all, Optional<PolicyChange.Placement> placement, long self) {
        if (placement.isEmpty()) {
            return order.size();
        }
        PolicyChange.Placement p = placement.get();
        if (p.position().isPresent()) {
            int position = p.position().get();
            if (position < 1) {
                throw ParasolException.usage("--position must be 1 or more");
            }
            return Math.min(position - 1, order.size());
        }
        String other = p.before().orElseGet(() -> p.after().orElseThrow());
        Policy anchor = all.stream().filter(x -> x.name().equalsIgnoreCase(other)).findFirst()
                .orElseThrow(() -> Names.notFound("policy", other, all.stream().map(Policy::name).toList()));
        if (anchor.id() == self) {
            throw ParasolException.usage("a policy cannot be placed relative to itself");
        }
        if (anchor.isDefault()) {
            if (p.after().isPresent()) {
                throw ParasolException.conflict("nothing can come after the Default Policy");
            }
            return order.size();
        }
        int index = order.indexOf(anchor.id());
        return p.before().isPresent() ? index : index + 1;
    }

    public PolicyView movePolicy(Actor actor, String name, PolicyChange.Placement placement) {
        return setPolicy(actor, requireExisting(name), new PolicyChange(List.of(), List.of(), Optional.empty(), List.of(),
                List.of(), Optional.of(placement)));
    }

    private String requireExisting(String name) {
        return store.read(tx -> findPolicy(tx, name).name());
    }

    public List<PolicyView> policies() {
        return store.read(tx -> {
            List<PolicyView> out = new ArrayList<>();
            for (Policy p : tx.policies().allPolicies()) {
                out.add(policyView(tx, p));
            }
            return out;
        });
    }

    public PolicyView policy(String name) {
        return store.read(tx -> policyView(tx, findPolicy(tx, name)));
    }

    public void deletePolicy(Actor actor, String name) {
        store.inTransaction(tx -> {
            Policy p = findPolicy(tx, name);
            if (p.isDefault()) {
                throw ParasolException.conflict("the Default Policy cannot be deleted");
            }
            Map<String, Object> before = policyJson(tx, p);
            tx.policies().deletePolicy(p.id());
            tx.policies().renumber(tx.policies().allPolicies().stream().filter(x -> !x.isDefault()).map(Policy::id).toList());
            AuditWriter.record(tx, clock.instant(), actor, AuditWriter.DELETE, "policy", p.name(), before, null);
            return null;
        });
    }

    static Policy findPolicy(Tx tx, String name) throws SQLException {
        List<Policy> all = tx.policies().allPolicies();
        return all.stream().filter(p -> p.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> Names.notFound("policy", name, all.stream().map(Policy::name).toList()));
    }

    private static PolicyView policyView(Tx tx, Policy p) throws SQLException {
        Map<Long, Integration> integrations = integrationsById(tx);
        SecuritySetting setting = tx.policies().allSettings().stream()
                .filter(s -> s.id() == p.securitySettingId()).findFirst().orElseThrow();
        Map<Long, String> listNames = new HashMap<>();
        for (DestinationList l : tx.lists().all()) {
            listNames.put(l.id(), l.name());
        }
        List<String> enforced = setting.integrationIds().stream().map(integrations::get)
                .filter(Integration::enabled).map(Integration::name).sorted().toList();
        return new PolicyView(p.name(), p.position(), p.isDefault(), setting.name(),
                p.isDefault() ? List.of("*") : p.identities().stream().map(Identity::toString).toList(),
                p.listIds().stream().map(listNames::get).toList(), enforced);
    }

    static Map<String, Object> policyJson(Tx tx, Policy p) throws SQLException {
        PolicyView v = policyView(tx, p);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("position", v.position());
        m.put("securitySetting", v.securitySetting());
        m.put("identities", v.identities());
        m.put("lists", v.lists());
        return m;
    }
}
