package dev.parasol.policy;

import java.util.Locale;

/** What a destination list does to the names it holds. */
public enum ListKind {
    ALLOW, BLOCK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ListKind fromLabel(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
