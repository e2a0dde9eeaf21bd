package dev.parasol.store;

import dev.parasol.policy.Decision;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One request and what Parasol decided for it: who asked (identity, client address), what
 * (domain, query type), the verdict and policy, every enabled integration category holding the
 * name (enforced or in audit mode), and the list and entry that decided. {@code source} says
 * where the row came from: the log format, or "check".
 */
public record ActivityRecord(Instant time, Optional<Identity> identity, Optional<String> client, DomainName domain,
                             String queryType, Verdict verdict, String policy, List<String> categories,
                             Optional<Decision.Match> matched, String source) {
    public ActivityRecord {
        categories = List.copyOf(categories);
    }
}
