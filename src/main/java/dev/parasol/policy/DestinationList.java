package dev.parasol.policy;

import java.util.Optional;

/**
 * A named set of domain entries. Global lists apply to every policy; an integration-owned
 * list is fed by its integration and enforced through security settings.
 */
public record DestinationList(long id, String name, ListKind kind, boolean global, Optional<Long> integrationId) {
    public static final String GLOBAL_ALLOW = "Global Allow List";
    public static final String GLOBAL_BLOCK = "Global Block List";

    public boolean integrationOwned() {
        return integrationId.isPresent();
    }

    /** Lists an admin may delete or attach to policies by hand. */
    public boolean custom() {
        return !global && !integrationOwned();
    }

    public String typeLabel() {
        return global ? "global" : integrationOwned() ? "integration" : "custom";
    }
}
