package dev.parasol.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What `parasol export` can write, spelled as on the command line. */
public enum ExportFormat {
    /** Response Policy Zones, one file per zone. */
    RPZ("rpz"),
    /** named.conf views loading the RPZ zones. */
    BIND_CONFIG("bind-config"),
    /** unbound.conf rpz clauses (and tags) loading the RPZ zones. */
    UNBOUND_CONFIG("unbound-config"),
    HOSTS("hosts"),
    DNSMASQ("dnsmasq"),
    /** Unbound local-zone lines, for resolvers without RPZ. */
    UNBOUND("unbound"),
    PLAIN("plain"),
    ADBLOCK("adblock");

    private final String label;

    ExportFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Formats that write one list of names for one policy (not zones, not resolver configuration). */
    public boolean isDomainList() {
        return this != RPZ && this != BIND_CONFIG && this != UNBOUND_CONFIG;
    }

    public boolean isResolverConfig() {
        return this == BIND_CONFIG || this == UNBOUND_CONFIG;
    }

    public static ExportFormat fromLabel(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ExportFormat f : values()) {
            if (f.label.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown export format '" + text + "'; expected one of " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(ExportFormat::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
