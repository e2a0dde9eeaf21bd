package dev.parasol.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * List contents held in one hash map from entry to the ids of the lists holding it, for
 * batch decisions: a lookup is one probe per label of the name.
 */
public final class InMemoryMembership implements Membership {
    private static final long[] NONE = new long[0];
    private final Map<String, long[]> listsByEntry;

    public InMemoryMembership(int expectedEntries) {
        this.listsByEntry = new HashMap<>(Math.max(16, (int) (expectedEntries / 0.75f) + 1));
    }

    public void add(long listId, String entry) {
        long[] current = listsByEntry.getOrDefault(entry, NONE);
        for (long id : current) {
            if (id == listId) {
                return;
            }
        }
        long[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = listId;
        listsByEntry.put(entry, grown);
    }

    public int size() {
        return listsByEntry.size();
    }

    @Override
    public List<ListHit> lookup(DomainName domain) {
        List<ListHit> hits = null;
        String name = domain.value();
        int from = 0;
        while (true) {
            String candidate = from == 0 ? name : name.substring(from);
            long[] ids = listsByEntry.get(candidate);
            if (ids != null) {
                if (hits == null) {
                    hits = new ArrayList<>(2);
                }
                for (long id : ids) {
                    hits.add(new ListHit(id, candidate));
                }
            }
            int dot = name.indexOf('.', from);
            // Stop before the top-level label: entries always have at least two labels.
            if (dot < 0 || name.indexOf('.', dot + 1) < 0) {
                break;
            }
            from = dot + 1;
        }
        return hits == null ? List.of() : hits;
    }
}
