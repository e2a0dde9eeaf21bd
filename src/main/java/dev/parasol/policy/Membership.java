package dev.parasol.policy;

import java.util.List;

/**
 * Which lists hold a name or one of its parents. The store answers for single checks with an
 * indexed query; {@link InMemoryMembership} answers for batch checks.
 */
@FunctionalInterface
public interface Membership {
    List<ListHit> lookup(DomainName domain);
}
