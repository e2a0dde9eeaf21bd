package dev.parasol.intake.format;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The indicator-type words vendors write in a CSV type column, and which of them name domains or
 * URLs. Spellings are compared after {@link #normalise}: "Domain-Name", "domain_name" and
 * "Domain Name" are one type. Covers ThreatConnect (Host, URL, Address, EmailAddress, File),
 * ThreatQ (FQDN, URL, IP Address, MD5, URL Path), MISP (domain, hostname, url, ip-dst, md5,
 * domain|ip), STIX/OpenCTI (domain-name, url, ipv4-addr, StixFile), OTX (hostname, URI,
 * FileHash-MD5), CrowdStrike (domain, url, hash_md5, ip_address) and ThreatStream itypes
 * (mal_domain, phish_url, c2_domain, mal_ip, mal_md5).
 */
final class IndicatorTypes {
    private static final Set<String> TAKEN = Set.of("host", "hostname", "host name", "fqdn", "domain", "domain name", "url", "uri");
    /** Last words of other types: a type ending in one is known, so its rows are skipped. */
    private static final Set<String> OTHER_WORDS = Set.of("ip", "ipv4", "ipv6", "ip4", "ip6", "dst", "src", "address", "addr",
            "cidr", "block", "range", "subnet", "netblock", "asn", "as", "port", "mac",
            "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "ssdeep", "imphash", "tlsh", "authentihash", "hash",
            "email", "mail", "emailaddress", "subject", "sender", "recipient", "mailer",
            "file", "filename", "filepath", "path", "stixfile", "name", "artifact",
            "description", "comment", "text", "string", "note", "link", "reference",
            "mutex", "key", "regkey", "registry", "useragent", "agent", "cve", "vulnerability", "yara", "snort", "sigma",
            "signature", "ja3", "ja3s", "jarm", "fingerprint", "sslcertfingerprint", "certificate", "x509", "bitcoinaddress",
            "wallet", "username", "password", "account", "phone", "number", "pdb");
    private static final Set<String> OTHER_TYPES = Set.of("ip address", "email address", "file hash", "registry key",
            "user agent", "url path", "as number", "autonomous system", "http request", "user agent string");
    private static final int MEMO_SIZE = 256;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");
    /** ThreatStream's itype: a threat prefix and a kind, e.g. mal_domain, phish_url, c2_domain, apt_md5. */
    private static final Pattern ITYPE = Pattern.compile("[a-z0-9]+ (domain|url|host|hostname|fqdn|uri)");
    private static final Pattern HASHY = Pattern.compile(".*(md5|sha ?\\d+|hash).*");

    private IndicatorTypes() {
    }

    /** Lower case, '-', '_' and runs of spaces as one space: "Domain-Name" and "domain_name" become "domain name". */
    static String normalise(String type) {
        return SEPARATORS.matcher(type.strip().toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** A domain, host name or URL type; MISP composites count by their first part (domain|ip, hostname|port). */
    static boolean isTaken(String type) {
        String t = firstPart(normalise(type));
        return TAKEN.contains(t) || ITYPE.matcher(t).matches();
    }

    /**
     * {@link #isTaken}, remembering the answer for the first spellings seen: a feed of a million
     * rows spells its few types the same way over and over.
     */
    static Predicate<String> takenMemo() {
        Map<String, Boolean> seen = new HashMap<>();
        return type -> {
            Boolean known = seen.get(type);
            if (known == null) {
                known = isTaken(type);
                if (seen.size() < MEMO_SIZE) {
                    seen.put(type, known);
                }
            }
            return known;
        };
    }

    /** A type of the vocabulary, taken or not: what makes a column a type column by its content. */
    static boolean isKnown(String type) {
        String t = normalise(type);
        if (t.isEmpty() || t.length() > 40) {
            return false;
        }
        String first = firstPart(t);
        if (isTaken(first) || OTHER_TYPES.contains(first) || OTHER_WORDS.contains(first) || HASHY.matcher(first).matches()) {
            return true;
        }
        String[] words = first.split(" ");
        // "ip-dst", "filehash-sha256", "mal_ip", "Email Address": short phrases ending in a known word.
        return words.length <= 3 && OTHER_WORDS.contains(words[words.length - 1]);
    }

    /** The part of a composite MISP value that is the name: "evil.xyz" of "evil.xyz|10.1.2.3" when the type is domain|ip. */
    static Optional<String> nameOfComposite(String type, String value) {
        int bar = value.indexOf('|');
        if (normalise(type).indexOf('|') < 0 || bar < 0) {
            return Optional.empty();
        }
        return Optional.of(value.substring(0, bar).strip());
    }

    private static String firstPart(String normalised) {
        int bar = normalised.indexOf('|');
        return bar < 0 ? normalised : normalised.substring(0, bar).strip();
    }
}
