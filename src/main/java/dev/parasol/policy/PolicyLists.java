package dev.parasol.policy;

import java.util.List;
import java.util.stream.Stream;

/**
 * The lists one policy decides with, in the order the decision engine weighs them: allow lists
 * beat everything, then the integration lists its security setting enforces, then block lists.
 * Audit lists are enabled integrations' lists the policy does not enforce: reported, not blocked.
 */
public record PolicyLists(List<DestinationList> allow, List<DestinationList> enforced,
                          List<DestinationList> block, List<DestinationList> audit) {
    public PolicyLists {
        allow = List.copyOf(allow);
        enforced = List.copyOf(enforced);
        block = List.copyOf(block);
        audit = List.copyOf(audit);
    }

    /** Enforced integration lists, then block lists: every list whose entries this policy blocks. */
    public List<DestinationList> blocking() {
        return Stream.concat(enforced.stream(), block.stream()).toList();
    }
}
