package dev.parasol.service;

import java.util.List;
import java.util.Optional;

/**
 * What `policy set` asks for. Empty fields leave the policy as it is; identities and lists
 * are added or removed one by one, so running the same command twice changes nothing.
 */
public record PolicyChange(List<String> addIdentities, List<String> removeIdentities,
                           Optional<String> securitySetting, List<String> addLists, List<String> removeLists,
                           Optional<Placement> placement) {

    /** Where to put a policy: an absolute 1-based position, or just before/after another. */
    public record Placement(Optional<Integer> position, Optional<String> before, Optional<String> after) {
    }
}
