package dev.parasol.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * A threat-intelligence provider that feeds its own destination list. {@code name} is the
 * lowercase key used on the command line ("threatq"); {@code displayName} is what people see
 * ("ThreatQ") and names the list, the audit user and the security category.
 */
public record Integration(long id, String name, String displayName, boolean enabled,
                          Optional<String> customerKey, Optional<Long> listId, Instant createdAt) {

    public String listName() {
        return listName(displayName);
    }

    public static String listName(String displayName) {
        return displayName + " Destination List";
    }

    /** The user recorded in the audit log for changes the integration makes. */
    public String accountName() {
        return displayName + " Account";
    }

    /** The security category its hits are reported under. */
    public String category() {
        return displayName;
    }
}
