package dev.parasol.report;

import dev.parasol.export.ZoneNames;
import dev.parasol.export.ZoneRole;
import dev.parasol.policy.DestinationList;
import dev.parasol.policy.Policy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Maps the zone of a BIND RPZ rewrite back to the policy and list it was exported from.
 * `parasol export` (issue #6, docs/export.md) names zones {@code [LIST.]ROLE.POLICY.rpz.parasol}:
 * ROLE is enforce, allow, block or audit; LIST and POLICY are one label each, the display name
 * lowercased with every run of other characters made one '-', cut to 30 characters, and with
 * "-ID" appended to every name whose label would collide with another's: the slugs come from
 * {@link ZoneNames} itself, so the two cannot drift apart.
 */
public final class RpzZones {
    private static final String SUFFIX = ZoneNames.SUFFIX;
    private static final List<String> ROLES = Arrays.stream(ZoneRole.values()).map(ZoneRole::label).toList();

    private final Map<String, String> policyBySlug;
    private final Map<String, String> listBySlug;

    public RpzZones(List<Policy> policies, List<DestinationList> lists) {
        this.policyBySlug = bySlug(policies, Policy::name, Policy::id);
        this.listBySlug = bySlug(lists, DestinationList::name, DestinationList::id);
    }

    /** A rule that fired: the zone's policy and list (when the zone is per list), and the trigger name. */
    public record Hit(Optional<String> policy, Optional<String> list, String role, String zone, String trigger) {
    }

    /**
     * Reads the rule owner of a rewrite for query {@code qname}. The owner is the trigger (the
     * name or one of its parents, or "*." and a parent) followed by the zone name. Empty when
     * the zone is not one of Parasol's.
     */
    public Optional<Hit> resolve(String qname, String ruleOwner) {
        String owner = stripDot(ruleOwner.toLowerCase(Locale.ROOT));
        if (!owner.endsWith("." + SUFFIX)) {
            return Optional.empty();
        }
        String name = stripDot(qname.toLowerCase(Locale.ROOT));
        for (String ancestor = name; ancestor != null; ancestor = parent(ancestor)) {
            for (String trigger : List.of(ancestor, "*." + ancestor)) {
                if (owner.startsWith(trigger + ".")) {
                    Optional<Hit> hit = zone(owner.substring(trigger.length() + 1), trigger.startsWith("*.") ? trigger.substring(2) : trigger);
                    if (hit.isPresent()) {
                        return hit;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Hit> zone(String zone, String trigger) {
        String[] labels = zone.substring(0, zone.length() - SUFFIX.length() - 1).split("\\.");
        if (labels.length < 2 || labels.length > 3 || !ROLES.contains(labels[labels.length - 2])) {
            return Optional.empty();
        }
        String policySlug = labels[labels.length - 1];
        Optional<String> list = labels.length == 3 ? Optional.ofNullable(listBySlug.get(labels[0])) : Optional.empty();
        return Optional.of(new Hit(Optional.ofNullable(policyBySlug.get(policySlug)), list, labels[labels.length - 2], zone, trigger));
    }

    private static String parent(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? null : name.substring(dot + 1);
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Display names by the slug the exporter gave them (ZoneNames: the same rule, collisions included). */
    private static <T> Map<String, String> bySlug(List<T> items, Function<T, String> name, ToLongFunction<T> id) {
        Map<String, String> out = new HashMap<>();
        ZoneNames.uniqueSlugs(items, name, id).forEach((item, slug) -> out.put(slug, name.apply(item)));
        return out;
    }
}
