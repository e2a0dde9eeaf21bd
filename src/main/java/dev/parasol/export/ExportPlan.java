package dev.parasol.export;

import dev.parasol.policy.DestinationList;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Policy;
import dev.parasol.policy.PolicyLists;
import dev.parasol.policy.PolicySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which zones each policy needs, in resolver order. By default a policy is one enforcing zone
 * (its allow entries as passthru, then its blocks) plus one audit zone when integrations are in
 * audit mode for it; with per-list, every list gets its own zone so a hit names its list.
 */
public final class ExportPlan {
    private ExportPlan() {
    }

    /**
     * @param only the policy to export, or empty for all, in policy order
     * @param allLists every list in the store, so that slugs do not depend on what is exported
     */
    public static List<PolicyZones> build(PolicySnapshot snapshot, List<DestinationList> allLists, Optional<Policy> only, boolean perList) {
        List<Policy> policies = snapshot.policies();
        Map<Policy, String> policySlugs = ZoneNames.uniqueSlugs(policies, Policy::name, Policy::id);
        Map<DestinationList, String> listSlugs = ZoneNames.uniqueSlugs(allLists, DestinationList::name, DestinationList::id);
        List<PolicyZones> out = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) {
            Policy p = policies.get(i);
            if (only.isPresent() && only.get().id() != p.id()) {
                continue;
            }
            String slug = policySlugs.get(p);
            PolicyLists lists = snapshot.listsOf(i);
            List<RpzZone> zones = perList ? perListZones(p, slug, lists, listSlugs) : perPolicyZones(p, slug, lists);
            out.add(new PolicyZones(p, slug, networks(p), zones));
        }
        return out;
    }

    private static List<RpzZone> perPolicyZones(Policy p, String slug, PolicyLists lists) {
        List<RpzZone> zones = new ArrayList<>();
        zones.add(new RpzZone(ZoneNames.zone(slug, ZoneRole.ENFORCE), ZoneRole.ENFORCE, p.name(), lists.allow(), lists.blocking()));
        if (!lists.audit().isEmpty()) {
            zones.add(new RpzZone(ZoneNames.zone(slug, ZoneRole.AUDIT), ZoneRole.AUDIT, p.name(), List.of(), lists.audit()));
        }
        return zones;
    }

    private static List<RpzZone> perListZones(Policy p, String slug, PolicyLists lists, Map<DestinationList, String> listSlugs) {
        List<RpzZone> zones = new ArrayList<>();
        for (DestinationList l : lists.allow()) {
            zones.add(new RpzZone(ZoneNames.zone(listSlugs.get(l), ZoneRole.ALLOW, slug), ZoneRole.ALLOW, p.name(), List.of(l), List.of()));
        }
        for (DestinationList l : lists.blocking()) {
            zones.add(new RpzZone(ZoneNames.zone(listSlugs.get(l), ZoneRole.BLOCK, slug), ZoneRole.BLOCK, p.name(), List.of(), List.of(l)));
        }
        for (DestinationList l : lists.audit()) {
            zones.add(new RpzZone(ZoneNames.zone(listSlugs.get(l), ZoneRole.AUDIT, slug), ZoneRole.AUDIT, p.name(), List.of(), List.of(l)));
        }
        return zones;
    }

    private static List<String> networks(Policy p) {
        return p.identities().stream().filter(id -> id.type() == IdentityType.NETWORK).map(Identity::value).toList();
    }
}
