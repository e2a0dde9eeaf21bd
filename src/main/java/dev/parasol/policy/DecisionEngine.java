package dev.parasol.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides one request. The first policy (top to bottom) that names any of the request's
 * identities applies. Inside it: an allow list entry wins over everything; then the
 * integration lists its security setting enforces; then block lists; otherwise allowed.
 * Where several entries of the deciding kind match, the most specific one is reported.
 */
public final class DecisionEngine {
    private final PolicySnapshot snapshot;
    private final Membership membership;

    public DecisionEngine(PolicySnapshot snapshot, Membership membership) {
        this.snapshot = snapshot;
        this.membership = membership;
    }

    public Decision decide(DomainName domain, List<Identity> requestIdentities) {
        return decide(domain, snapshot.firstMatchingPolicy(requestIdentities));
    }

    /** The index of the policy that applies to requests with these identities (for {@link #decide(DomainName, int)}). */
    public int policyIndexFor(List<Identity> requestIdentities) {
        return snapshot.firstMatchingPolicy(requestIdentities);
    }

    /** For batches, where the policy is resolved once for all names. */
    public Decision decide(DomainName domain, int policyIndex) {
        List<ListHit> hits = membership.lookup(domain);
        String policy = snapshot.policies().get(policyIndex).name();
        ListHit allow = null;
        ListHit integration = null;
        ListHit block = null;
        List<String> categories = List.of();
        for (ListHit hit : hits) {
            PolicySnapshot.Role role = snapshot.roleOf(policyIndex, hit.listId());
            if (role == PolicySnapshot.Role.ALLOW) {
                allow = moreSpecific(allow, hit);
            } else if (role == PolicySnapshot.Role.INTEGRATION) {
                integration = moreSpecific(integration, hit);
            } else if (role == PolicySnapshot.Role.BLOCK) {
                block = moreSpecific(block, hit);
            }
            Optional<String> category = snapshot.categoryOf(hit.listId());
            if (category.isPresent() && !categories.contains(category.get())) {
                if (categories.isEmpty()) {
                    categories = new ArrayList<>(2);
                }
                categories.add(category.get());
            }
        }
        if (categories.size() > 1) {
            categories.sort(String::compareTo);
        }
        if (allow != null) {
            return decision(domain, Verdict.ALLOWED, policy, categories, allow);
        }
        ListHit blocking = integration != null ? integration : block;
        if (blocking != null) {
            return decision(domain, Verdict.BLOCKED, policy, categories, blocking);
        }
        return new Decision(domain, Verdict.ALLOWED, policy, categories, Optional.empty());
    }

    private Decision decision(DomainName domain, Verdict verdict, String policy, List<String> categories, ListHit hit) {
        return new Decision(domain, verdict, policy, categories,
                Optional.of(new Decision.Match(snapshot.listName(hit.listId()), hit.entry())));
    }

    /** Longer entry is more specific; ties go to the older (lower id) list so output is stable. */
    private static ListHit moreSpecific(ListHit current, ListHit candidate) {
        if (current == null) {
            return candidate;
        }
        int byLength = Integer.compare(candidate.entry().length(), current.entry().length());
        if (byLength > 0 || (byLength == 0 && candidate.listId() < current.listId())) {
            return candidate;
        }
        return current;
    }
}
