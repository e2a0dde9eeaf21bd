package dev.parasol.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a decision needs apart from list contents: the ordered policies and, for each,
 * which lists allow, which integration lists block, and which block lists block. Built once
 * per command (or per batch) from the store, then immutable.
 */
public final class PolicySnapshot {

    /** The part a list plays in one policy. */
    enum Role { ALLOW, INTEGRATION, BLOCK }

    private final List<Policy> policies;
    private final Map<Long, DestinationList> lists;
    /** Integration list id to category name, for enabled integrations only. */
    private final Map<Long, String> categoriesByList;
    private final List<Map<Long, Role>> rolesByPolicy;
    /** The same roles as arrays, for the hot path: a few lists scanned beat boxing a Long per probe. */
    private final long[][] roleListIds;
    private final Role[][] roleValues;

    public PolicySnapshot(List<Policy> orderedPolicies, Collection<DestinationList> allLists,
                          Collection<Integration> integrations, Collection<SecuritySetting> settings) {
        this.policies = List.copyOf(orderedPolicies);
        this.lists = new HashMap<>();
        for (DestinationList l : allLists) {
            lists.put(l.id(), l);
        }
        this.categoriesByList = new HashMap<>();
        Map<Long, Integration> integrationsById = new HashMap<>();
        for (Integration i : integrations) {
            integrationsById.put(i.id(), i);
            if (i.enabled() && i.listId().isPresent()) {
                categoriesByList.put(i.listId().get(), i.category());
            }
        }
        Map<Long, SecuritySetting> settingsById = new HashMap<>();
        for (SecuritySetting s : settings) {
            settingsById.put(s.id(), s);
        }
        this.rolesByPolicy = new ArrayList<>();
        for (Policy p : policies) {
            Map<Long, Role> roles = new HashMap<>();
            for (DestinationList l : allLists) {
                if (l.global()) {
                    roles.put(l.id(), l.kind() == ListKind.ALLOW ? Role.ALLOW : Role.BLOCK);
                }
            }
            for (Long listId : p.listIds()) {
                DestinationList l = lists.get(listId);
                if (l != null && l.custom()) {
                    roles.put(l.id(), l.kind() == ListKind.ALLOW ? Role.ALLOW : Role.BLOCK);
                }
            }
            SecuritySetting setting = settingsById.get(p.securitySettingId());
            if (setting != null) {
                for (Long integrationId : setting.integrationIds()) {
                    Integration i = integrationsById.get(integrationId);
                    if (i != null && i.enabled() && i.listId().isPresent()) {
                        roles.put(i.listId().get(), Role.INTEGRATION);
                    }
                }
            }
            rolesByPolicy.add(roles);
        }
        this.roleListIds = new long[rolesByPolicy.size()][];
        this.roleValues = new Role[rolesByPolicy.size()][];
        for (int p = 0; p < rolesByPolicy.size(); p++) {
            Map<Long, Role> roles = rolesByPolicy.get(p);
            roleListIds[p] = new long[roles.size()];
            roleValues[p] = new Role[roles.size()];
            int i = 0;
            for (Map.Entry<Long, Role> e : roles.entrySet()) {
                roleListIds[p][i] = e.getKey();
                roleValues[p][i++] = e.getValue();
            }
        }
    }

    public List<Policy> policies() {
        return policies;
    }

    /** Ids of every list whose contents can change a decision or a reported category. */
    public List<Long> relevantListIds() {
        List<Long> ids = new ArrayList<>(categoriesByList.keySet());
        for (Map<Long, Role> roles : rolesByPolicy) {
            for (Long id : roles.keySet()) {
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    public int firstMatchingPolicy(List<Identity> requestIdentities) {
        for (int i = 0; i < policies.size(); i++) {
            if (policies.get(i).matches(requestIdentities)) {
                return i;
            }
        }
        throw new IllegalStateException("no Default Policy in the store");
    }

    /**
     * The lists that take part in one policy, by the part they play, each in id order (global
     * lists first). Audit lists are the enabled integrations' lists the policy does not enforce.
     */
    public PolicyLists listsOf(int policyIndex) {
        Map<Long, Role> roles = rolesByPolicy.get(policyIndex);
        List<DestinationList> allow = new ArrayList<>();
        List<DestinationList> enforced = new ArrayList<>();
        List<DestinationList> block = new ArrayList<>();
        List<DestinationList> audit = new ArrayList<>();
        for (DestinationList l : lists.values().stream().sorted(Comparator.comparingLong(DestinationList::id)).toList()) {
            Role role = roles.get(l.id());
            if (role == Role.ALLOW) {
                allow.add(l);
            } else if (role == Role.INTEGRATION) {
                enforced.add(l);
            } else if (role == Role.BLOCK) {
                block.add(l);
            } else if (categoriesByList.containsKey(l.id())) {
                audit.add(l);
            }
        }
        return new PolicyLists(allow, enforced, block, audit);
    }

    Role roleOf(int policyIndex, long listId) {
        long[] ids = roleListIds[policyIndex];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == listId) {
                return roleValues[policyIndex][i];
            }
        }
        return null;
    }

    Optional<String> categoryOf(long listId) {
        return Optional.ofNullable(categoriesByList.get(listId));
    }

    String listName(long listId) {
        DestinationList l = lists.get(listId);
        return l == null ? "list #" + listId : l.name();
    }
}
