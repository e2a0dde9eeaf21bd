package dev.parasol.export;

/** The part an RPZ zone plays for its policy; its label is the role label in the zone name. */
public enum ZoneRole {
    /** A whole policy in one zone: its allow entries as passthru, then its block entries. */
    ENFORCE("enforce"),
    /** One allow list (with --per-list): passthru rules, loaded before any blocking zone. */
    ALLOW("allow"),
    /** One enforced integration list or block list (with --per-list). */
    BLOCK("block"),
    /** Integration lists the policy does not enforce: to be loaded log-only (BIND policy disabled). */
    AUDIT("audit");

    private final String label;

    ZoneRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
