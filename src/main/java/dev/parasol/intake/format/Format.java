package dev.parasol.intake.format;

import java.util.Locale;

/** The indicator formats `import` reads; {@code --format NAME} picks one, otherwise it is detected. */
public enum Format {
    PLAIN, HOSTS, ADBLOCK, DNSMASQ, CSV, EVENTS, STIX, MISP, TEXT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
