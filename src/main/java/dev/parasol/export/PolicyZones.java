package dev.parasol.export;

import dev.parasol.policy.Policy;
import java.util.List;

/**
 * The zones of one policy in the order a resolver must apply them (allow before block, audit
 * last), with the network blocks (canonical CIDR) whose clients the policy serves.
 */
public record PolicyZones(Policy policy, String slug, List<String> networks, List<RpzZone> zones) {
    public PolicyZones {
        networks = List.copyOf(networks);
        zones = List.copyOf(zones);
    }

    /** Whether a resolver can tell this policy's clients apart: the default, or a policy with networks. */
    public boolean resolvable() {
        return policy.isDefault() || !networks.isEmpty();
    }
}
