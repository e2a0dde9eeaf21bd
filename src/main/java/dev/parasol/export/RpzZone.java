package dev.parasol.export;

import dev.parasol.policy.DestinationList;
import java.util.List;

/**
 * One RPZ zone to write: its name, the policy and role it serves, the lists whose entries it
 * passes through (allow) and the lists whose entries it rewrites.
 */
public record RpzZone(String name, ZoneRole role, String policyName,
                      List<DestinationList> passthruLists, List<DestinationList> blockLists) {
    public RpzZone {
        passthruLists = List.copyOf(passthruLists);
        blockLists = List.copyOf(blockLists);
    }

    /** The zone's file name in an export directory. */
    public String fileName() {
        return name + ".rpz";
    }

    public boolean audit() {
        return role == ZoneRole.AUDIT;
    }
}
