package dev.parasol.store;

import dev.parasol.policy.Verdict;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A search's filters, decided per block (time span, verdict counts, sketch), then per
 * distinct value of the block's dictionaries (a block none of whose values match is left
 * there), then per request.
 */
final class ActivitySearchFilter {
    private final long fromNanos;
    private final long toNanos;
    private final Optional<Verdict> verdict;
    private final Optional<String> identityType;
    private final Optional<String> identityValue;
    private final Optional<String> policy;
    private final Optional<String> category;
    private final Optional<String> domainSuffix;
    private final long[] keys;
    private boolean[] identityOk;
    private boolean[] policyOk;
    private boolean[] categoryOk;
    private boolean[] domainOk;
    /** The block being read: the columns the filters name (null when unfiltered). */
    private ActivityBlock.Column identities;
    private ActivityBlock.Column policies;
    private ActivityBlock.Column categories;
    private ActivityBlock.Column domains;

    ActivitySearchFilter(Optional<Instant> from, Optional<Instant> to, Optional<Verdict> verdict, Optional<String> identityType,
           Optional<String> identityValue, Optional<String> policy, Optional<String> category, Optional<String> domainSuffix) {
        this.fromNanos = from.map(ActivityBlock::nanos).orElse(Long.MIN_VALUE);
        this.toNanos = to.map(ActivityBlock::nanos).orElse(Long.MAX_VALUE);
        this.verdict = verdict;
        this.identityType = identityType;
        this.identityValue = identityValue;
        this.policy = policy;
        this.category = category;
        this.domainSuffix = domainSuffix;
        List<Long> k = new ArrayList<>();
        identityValue.ifPresent(v -> k.add(ActivitySketch.key(ActivitySketch.Kind.IDENTITY, v)));
        policy.ifPresent(p -> k.add(ActivitySketch.key(ActivitySketch.Kind.POLICY, p)));
        category.ifPresent(cat -> k.add(ActivitySketch.key(ActivitySketch.Kind.CATEGORY, cat)));
        domainSuffix.ifPresent(d -> k.add(ActivitySketch.key(ActivitySketch.Kind.DOMAIN, d)));
        keys = k.stream().mapToLong(Long::longValue).toArray();
    }

    boolean mayMatch(ActivityRepository.BlockRow b, ActivityBlockParts parts) throws SQLException {
        if (b.lastNanos() < fromNanos || b.firstNanos() >= toNanos) {
            return false;
        }
        if (verdict.isPresent() && (verdict.get() == Verdict.BLOCKED ? b.blocked() == 0 : b.blocked() == b.requests())) {
            return false;
        }
        return keys.length == 0 || ActivitySketch.mightContainAll(parts.bytes(b.id(), ActivityRepository.Part.SKETCH), keys);
    }

    /**
     * Decides the filters once per distinct value, reading only the columns they name;
     * false when some filter matches no value of the block, which then needs nothing more.
     */
    boolean prepare(ActivityBlock block) {
        domains = domainSuffix.isEmpty() ? null : block.column(ActivityBlock.Field.DOMAIN);
        domainOk = domains == null ? null : domains.matchingName(domainSuffix.get());
        if (none(domainOk)) {
            return false;
        }
        identities = identityValue.isEmpty() ? null : block.column(ActivityBlock.Field.IDENTITY);
        policies = policy.isEmpty() ? null : block.column(ActivityBlock.Field.POLICY);
        categories = category.isEmpty() ? null : block.column(ActivityBlock.Field.CATEGORIES);
        identityOk = identityValue.isEmpty() ? null : identities.matching(text -> {
            int colon = text.indexOf(':');
            return text.substring(colon + 1).equals(identityValue.get())
                    && identityType.map(t -> t.equals(text.substring(0, colon))).orElse(true);
        });
        policyOk = policy.isEmpty() ? null : policies.matching(policy.get()::equals);
        categoryOk = category.isEmpty() ? null : categories.matching(
                text -> Arrays.asList(text.split(ActivityBlock.CATEGORY_SEPARATOR)).contains(category.get()));
        if (none(identityOk) || none(policyOk) || none(categoryOk)) {
            return false;
        }
        return true;
    }

    private static boolean none(boolean[] matching) {
        if (matching == null) {
            return false;
        }
        for (boolean ok : matching) {
            if (ok) {
                return false;
            }
        }
        return true;
    }

    /** After {@link #prepare} returned true for the same block. */
    boolean test(ActivityBlock b, int i) {
        if (!ok(domainOk, domains, i)) {
            return false;
        }
        // Times and verdicts are read only for the chunks a request passed the names in.
        long t = b.nanosAt(i);
        return t >= fromNanos && t < toNanos
                && (verdict.isEmpty() || b.blockedAt(i) == (verdict.get() == Verdict.BLOCKED))
                && ok(identityOk, identities, i)
                && ok(policyOk, policies, i)
                && ok(categoryOk, categories, i);
    }

    private static boolean ok(boolean[] matching, ActivityBlock.Column column, int i) {
        return matching == null || matching[column.ref(i)];
    }
}
