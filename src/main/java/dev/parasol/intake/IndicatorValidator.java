package dev.parasol.intake;

import crawlercommons.domains.EffectiveTldFinder;
import dev.parasol.policy.Cidr;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.InvalidDomainException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a candidate indicator may go on an integration's list, and if not, why.
 * In order: IP addresses (they belong only on allow lists), syntax (via {@link DomainName}),
 * reserved names (RFC 2606 / 6761 / 6762 / 7686 / 8375), the Public Suffix List (unknown TLD,
 * or a bare public suffix, private section included: x.duckdns.org is a name, github.io is
 * not), then the popular-domain safeguard (the name or any parent).
 */
public final class IndicatorValidator {
    /** Reasons, stable strings: stored with each rejection and filterable with `rejected --reason`. */
    public static final String IP_ADDRESS = "IP address";
    public static final String RESERVED = "reserved name";
    public static final String UNKNOWN_TLD = "unknown TLD";
    public static final String PUBLIC_SUFFIX = "public suffix";
    public static final String SAFEGUARD = "popular-domain safeguard";

    private static final Set<String> RESERVED_SUFFIXES = Set.of(
            "localhost", "local", "test", "example", "invalid", "onion", "internal",
            "in-addr.arpa", "ip6.arpa", "home.arpa",
            "example.com", "example.net", "example.org");

    private final Set<String> safeguards;

    /** @param extraSafeguards names the admin loaded, on top of the built-in popular domains */
    public IndicatorValidator(Set<String> extraSafeguards) {
        if (extraSafeguards.isEmpty()) {
            this.safeguards = BuiltIn.SAFEGUARDS;
        } else {
            Set<String> all = new HashSet<>(BuiltIn.SAFEGUARDS);
            all.addAll(extraSafeguards);
            this.safeguards = all;
        }
    }

    /** The outcome for one value: a name, or the reason it was refused. */
    public record Outcome(DomainName name, String reason) {
        public boolean accepted() {
            return name != null;
        }
    }

    /**
     * Why {@code raw} is not a host name at all (an IP address, bad syntax), or empty when it is
     * one. The receiver refuses a request whose dstDomain is malformed; every other reason here
     * is policy, judged per event.
     */
    public static Optional<String> malformed(String raw) {
        if (looksLikeIpLiteral(raw)) {
            return Optional.of(IP_ADDRESS);
        }
        try {
            DomainName.parse(raw);
            return Optional.empty();
        } catch (InvalidDomainException e) {
            return Optional.of(e.reason());
        }
    }

    public Outcome validate(String raw, boolean disableSafeguards) {
        if (looksLikeIpLiteral(raw)) {
            return new Outcome(null, IP_ADDRESS);
        }
        DomainName name;
        try {
            name = DomainName.parse(raw);
        } catch (InvalidDomainException e) {
            return new Outcome(null, e.reason());
        }
        List<String> names = name.selfAndParents();
        String tld = name.value().substring(name.value().lastIndexOf('.') + 1);
        if (RESERVED_SUFFIXES.contains(tld)) {
            return new Outcome(null, RESERVED + " (." + tld + ")");
        }
        for (String n : names) {
            if (RESERVED_SUFFIXES.contains(n)) {
                return new Outcome(null, RESERVED + " (" + n + ")");
            }
        }
        EffectiveTldFinder.EffectiveTLD suffix = EffectiveTldFinder.getEffectiveTLD(name.value(), false);
        if (suffix == null) {
            return new Outcome(null, UNKNOWN_TLD + " (." + tld + ")");
        }
        if (suffix.getDomain().equals(name.value())) {
            return new Outcome(null, PUBLIC_SUFFIX);
        }
        if (!disableSafeguards) {
            String publicSuffix = suffix.getDomain();
            for (String n : names) {
                // A safeguarded name that is itself part of the public suffix (cloudfront.net,
                // s3.<region>.amazonaws.com) protects only itself: the names its customers
                // register under it are theirs, and feeds rightly list the malicious ones.
                boolean insideSuffix = publicSuffix.equals(n) || publicSuffix.endsWith("." + n);
                if (!insideSuffix && safeguards.contains(n)) {
                    return new Outcome(null, SAFEGUARD + " (" + n + ")");
                }
            }
        }
        return new Outcome(name, null);
    }

    /** The reason without its detail in parentheses: what `rejected --reason` and summaries group by. */
    public static String reasonKind(String reason) {
        int paren = reason.indexOf(" (");
        String kind = paren < 0 ? reason : reason.substring(0, paren);
        return kind.startsWith("bad character") ? "bad character" : kind;
    }

    private static boolean looksLikeIpLiteral(String raw) {
        String s = raw.strip();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            s = close > 0 ? s.substring(1, close) : s.substring(1);
        }
        if (s.indexOf(':') != s.lastIndexOf(':')) {
            try {
                Cidr.parse(s);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    /** Read once per process, immutable: the receiver validates on every request. */
    private static final class BuiltIn {
        static final Set<String> SAFEGUARDS = Set.copyOf(builtInSafeguards());
    }

    static Set<String> builtInSafeguards() {
        Set<String> names = new HashSet<>();
        try (InputStream in = IndicatorValidator.class.getResourceAsStream("popular-domains.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    names.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
