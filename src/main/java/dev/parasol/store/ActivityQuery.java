package dev.parasol.store;

import dev.parasol.policy.Verdict;
import java.time.Instant;
import java.util.Optional;

/**
 * Filters for activity; every present field must match. {@code category} and {@code policy}
 * are exact stored names (the service resolves what the user typed); {@code domainSuffix}
 * matches the name itself and its subdomains; {@code identityValue} matches with or without
 * {@code identityType}.
 */
public record ActivityQuery(Optional<String> category, Optional<Verdict> verdict, Optional<String> identityType,
                            Optional<String> identityValue, Optional<String> domainSuffix, Optional<String> policy,
                            Optional<Instant> from, Optional<Instant> to, int limit, long offset) {
}
