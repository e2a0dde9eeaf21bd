package dev.parasol.report;

import dev.parasol.store.ActivityCounts;
import dev.parasol.store.ActivityRecord;
import java.util.List;

/**
 * The evidence for switching an integration from audit to block in one policy: of the requests
 * that policy allowed in the range, those it would have blocked had its security setting
 * enforced the integration, with the identities and domains affected. {@code examples} are the
 * first requests in time order (at most the asked-for number); the counts cover all of them.
 * {@code alreadyEnforced} says the policy enforces the integration now, so the answer is
 * about requests recorded before it did.
 */
public record AuditPreview(String integration, String category, String policy, boolean alreadyEnforced,
                           long allowedRequests, long wouldBlock, List<ActivityCounts.IdentityCount> identities,
                           List<ActivityCounts.DomainCount> domains, List<ActivityRecord> examples) {
}
