package dev.parasol.policy;

import java.util.Locale;

public enum Verdict {
    ALLOWED, BLOCKED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
