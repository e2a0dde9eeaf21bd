package dev.parasol.cli.policy;

import dev.parasol.service.PolicyChange;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a policy goes in the order: exactly one of these. */
public final class PlacementOptions {
    @Option(names = "--position", paramLabel = "N", description = "Put it at position N (1 = evaluated first).")
    Integer position;

    @Option(names = "--before", paramLabel = "POLICY", description = "Put it just before POLICY.")
    String before;

    @Option(names = "--after", paramLabel = "POLICY", description = "Put it just after POLICY.")
    String after;

    Optional<PolicyChange.Placement> placement() {
        int given = (position != null ? 1 : 0) + (before != null ? 1 : 0) + (after != null ? 1 : 0);
        if (given == 0) {
            return Optional.empty();
        }
        if (given > 1) {
            throw dev.parasol.ParasolException.usage("give only one of --position, --before, --after");
        }
        return Optional.of(new PolicyChange.Placement(Optional.ofNullable(position), Optional.ofNullable(before),
                Optional.ofNullable(after)));
    }
}
