package dev.parasol.policy;

import java.util.Locale;

/**
 * A typed identity, written TYPE:VALUE ("roaming-computer:laptop-7", "network:10.0.0.0/8").
 * Values compare case-insensitively, as directory and device names do; network values are
 * canonical CIDR blocks.
 */
public record Identity(IdentityType type, String value) {

    public Identity {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty identity value");
        }
    }

    /** Parses TYPE:VALUE; throws IllegalArgumentException with a message fit for the user. */
    public static Identity parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("identity '" + text + "' is not TYPE:VALUE (types: " + IdentityType.labels() + ")");
        }
        IdentityType type = IdentityType.fromLabel(text.substring(0, colon));
        String value = text.substring(colon + 1).strip();
        if (type == IdentityType.NETWORK) {
            return new Identity(type, Cidr.parse(value).toString());
        }
        return new Identity(type, value.toLowerCase(Locale.ROOT));
    }

    /** Whether a request carrying {@code requested} is covered by this (policy) identity. */
    public boolean covers(Identity requested) {
        if (type != requested.type) {
            return false;
        }
        if (type == IdentityType.NETWORK) {
            return Cidr.parse(value).contains(Cidr.parse(requested.value));
        }
        return value.equals(requested.value);
    }

    @Override
    public String toString() {
        return type.label() + ":" + value;
    }
}
