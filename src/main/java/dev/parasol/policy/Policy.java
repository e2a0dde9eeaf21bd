package dev.parasol.policy;

import java.util.List;

/**
 * One row of the ordered policy table. Position 1 is evaluated first; the Default Policy is
 * always last, matches every request and cannot be moved or deleted.
 */
public record Policy(long id, String name, int position, boolean isDefault, long securitySettingId,
                     List<Identity> identities, List<Long> listIds) {
    public static final String DEFAULT = "Default Policy";

    /** Whether any of the request's identities is one this policy names (the default matches all). */
    public boolean matches(List<Identity> requestIdentities) {
        if (isDefault) {
            return true;
        }
        for (Identity mine : identities) {
            for (Identity theirs : requestIdentities) {
                if (mine.covers(theirs)) {
                    return true;
                }
            }
        }
        return false;
    }
}
