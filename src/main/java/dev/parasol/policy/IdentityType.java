package dev.parasol.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of identity a policy can name, spelled as on the command line ("roaming-computer"). */
public enum IdentityType {
    NETWORK("network"),
    ROAMING_COMPUTER("roaming-computer"),
    MOBILE_DEVICE("mobile-device"),
    AD_USER("ad-user"),
    AD_GROUP("ad-group"),
    SITE("site"),
    NETWORK_DEVICE("network-device");

    private final String label;

    IdentityType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static IdentityType fromLabel(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (IdentityType t : values()) {
            if (t.label.equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown identity type '" + text + "'; expected one of " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(IdentityType::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
