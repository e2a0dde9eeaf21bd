package dev.parasol.policy;

import java.util.List;
import java.util.Optional;

/**
 * What Parasol decides for one request: the verdict, the policy that applied, the list and
 * entry that decided (absent when nothing matched), and every enabled integration category
 * whose list holds the name, enforced or not: that is what audit mode reports.
 */
public record Decision(DomainName domain, Verdict verdict, String policy, List<String> categories,
                       Optional<Match> matched) {

    /** The deciding list and the entry in it, which may be a parent of the requested name. */
    public record Match(String list, String entry) {
    }
}
