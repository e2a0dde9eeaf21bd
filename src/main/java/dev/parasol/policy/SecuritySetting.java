package dev.parasol.policy;

import java.util.Set;

/** A named set of enforced integrations (and, later, security categories). */
public record SecuritySetting(long id, String name, Set<Long> integrationIds) {
    public static final String DEFAULT = "Default Settings";
}
