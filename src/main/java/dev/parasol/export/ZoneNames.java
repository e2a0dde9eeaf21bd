package dev.parasol.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * How zones are named, so that a resolver's log line maps back to a policy and a list:
 * {@code [LIST.]ROLE.POLICY.rpz.parasol}. Each of LIST and POLICY is one label, the name
 * lowercased with every run of other characters turned into '-', cut to 30 characters; when two
 * names meet on one label, each of them gets "-ID" (its store id) appended. docs/export.md
 * describes the scheme for the activity importer.
 */
public final class ZoneNames {
    public static final String SUFFIX = "rpz.parasol";
    static final int MAX_SLUG = 30;

    private ZoneNames() {
    }

    public static String zone(String policySlug, ZoneRole role) {
        return role.label() + "." + policySlug + "." + SUFFIX;
    }

    public static String zone(String listSlug, ZoneRole role, String policySlug) {
        return listSlug + "." + zone(policySlug, role);
    }

    /** One DNS label from a display name: "ThreatQ Destination List" is "threatq-destination-list". */
    public static String slug(String name) {
        StringBuilder sb = new StringBuilder();
        boolean dash = false;
        for (int i = 0; i < name.length() && sb.length() < MAX_SLUG; i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append(c);
                dash = false;
            } else if (!dash && sb.length() > 0) {
                sb.append('-');
                dash = true;
            }
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '-') {
            sb.setLength(sb.length() - 1);
        }
        return sb.length() == 0 ? "x" : sb.toString();
    }

    /** Slugs for every item, unique: items whose slugs collide all get their id appended. */
    public static <T> Map<T, String> uniqueSlugs(List<T> items, Function<T, String> name, ToLongFunction<T> id) {
        Map<String, Integer> uses = new HashMap<>();
        for (T item : items) {
            uses.merge(slug(name.apply(item)), 1, Integer::sum);
        }
        Map<T, String> slugs = new HashMap<>();
        for (T item : items) {
            String s = slug(name.apply(item));
            if (uses.get(s) > 1) {
                s = s + "-" + id.applyAsLong(item);
            }
            slugs.put(item, s);
        }
        return slugs;
    }
}
