package dev.parasol.store;

import dev.parasol.policy.Decision;
import dev.parasol.policy.Identity;
import dev.parasol.policy.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests on their way into one activity block, held as columns (a time, a verdict and a
 * dictionary reference per field) rather than as objects: an import's batch costs a few bytes a
 * request and leaves the records it was given to the young generation.
 */
public final class ActivityBatch {
    private final List<Map<String, Integer>> refsByText = new ArrayList<>();
    private final List<List<String>> texts = new ArrayList<>();
    /**
     * The same identity and category objects come back for every request of a client or a name
     * (an identity is looked up by the object: equal ones from other clients only cost an entry).
     */
    private final Map<Identity, Integer> identities = new IdentityHashMap<>();
    private final Map<List<String>, Integer> categories = new HashMap<>();
    private long[] nanos = new long[1024];
    private boolean[] blocked = new boolean[1024];
    private int[][] refs = new int[ActivityBlock.FIELDS.length][1024];
    private int size;

    public ActivityBatch() {
        this(16);
    }

    /** For about {@code expected} requests: the names' dictionary is sized for them, not grown a dozen times. */
    public ActivityBatch(int expected) {
        for (ActivityBlock.Field f : ActivityBlock.FIELDS) {
            refsByText.add(f == ActivityBlock.Field.DOMAIN ? new HashMap<>(expected * 4 / 3 + 1) : new HashMap<>());
            texts.add(new ArrayList<>(f == ActivityBlock.Field.DOMAIN ? expected : 10));
        }
    }

    public void add(ActivityRecord r) {
        if (size == nanos.length) {
            int n = size * 2;
            nanos = Arrays.copyOf(nanos, n);
            blocked = Arrays.copyOf(blocked, n);
            for (int f = 0; f < refs.length; f++) {
                refs[f] = Arrays.copyOf(refs[f], n);
            }
        }
        nanos[size] = ActivityBlock.nanos(r.time());
        blocked[size] = r.verdict() == Verdict.BLOCKED;
        ref(ActivityBlock.Field.IDENTITY, r.identity().isEmpty() ? 0
                : identities.computeIfAbsent(r.identity().get(), i -> refOf(ActivityBlock.Field.IDENTITY, i.type().label() + ":" + i.value())));
        ref(ActivityBlock.Field.CLIENT, r.client().map(c -> refOf(ActivityBlock.Field.CLIENT, c)).orElse(0));
        ref(ActivityBlock.Field.DOMAIN, refOf(ActivityBlock.Field.DOMAIN, r.domain().value()));
        ref(ActivityBlock.Field.QUERY_TYPE, refOf(ActivityBlock.Field.QUERY_TYPE, r.queryType()));
        ref(ActivityBlock.Field.POLICY, refOf(ActivityBlock.Field.POLICY, r.policy()));
        ref(ActivityBlock.Field.CATEGORIES, r.categories().isEmpty() ? 0
                : categories.computeIfAbsent(r.categories(), c -> refOf(ActivityBlock.Field.CATEGORIES, String.join(ActivityBlock.CATEGORY_SEPARATOR, c))));
        Decision.Match m = r.matched().orElse(null);
        ref(ActivityBlock.Field.LIST, m == null ? 0 : refOf(ActivityBlock.Field.LIST, m.list()));
        ref(ActivityBlock.Field.ENTRY, m == null ? 0 : refOf(ActivityBlock.Field.ENTRY, m.entry()));
        ref(ActivityBlock.Field.SOURCE, refOf(ActivityBlock.Field.SOURCE, r.source()));
        size++;
    }

    private void ref(ActivityBlock.Field f, int ref) {
        refs[f.ordinal()][size] = ref;
    }

    private int refOf(ActivityBlock.Field f, String text) {
        Map<String, Integer> byText = refsByText.get(f.ordinal());
        Integer ref = byText.get(text);
        if (ref == null) {
            List<String> list = texts.get(f.ordinal());
            list.add(text);
            ref = list.size();
            byText.put(text, ref);
        }
        return ref;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    ActivityBlock block() {
        ActivityBlock.Column[] columns = new ActivityBlock.Column[ActivityBlock.FIELDS.length];
        for (int f = 0; f < columns.length; f++) {
            columns[f] = new ActivityBlock.ArrayColumn(Arrays.copyOf(refs[f], size), texts.get(f).toArray(String[]::new));
        }
        return new ActivityBlock(size, Arrays.copyOf(nanos, size), Arrays.copyOf(blocked, size), columns);
    }
}
