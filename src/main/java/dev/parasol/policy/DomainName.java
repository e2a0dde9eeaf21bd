package dev.parasol.policy;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;

/**
 * A normalised domain name: lowercase ASCII (IDN as punycode), no trailing dot, no port,
 * syntactically valid. Created once where input enters; everything downstream trusts it.
 */
public record DomainName(String value) implements Comparable<DomainName> {

    public static final int MAX_LENGTH = 253;
    public static final int MAX_LABEL = 63;

    public DomainName {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty domain");
        }
    }

    /** Parses and normalises user or feed input; throws {@link InvalidDomainException} with the reason. */
    public static DomainName parse(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            throw new InvalidDomainException("empty");
        }
        s = hostOf(s);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new InvalidDomainException("empty");
        }
        if (!isAscii(s)) {
            try {
                s = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                throw new InvalidDomainException("not a valid internationalised name");
            }
        }
        s = toLowerAscii(s);
        String problem = syntaxProblem(s);
        if (problem != null) {
            throw new InvalidDomainException(problem);
        }
        return new DomainName(s);
    }

    /** Takes the host out of "scheme://user@host:port/path"; a bare name passes through. */
    public static String hostOf(String s) {
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        s = s.substring(0, end);
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf(':', colon + 1) < 0) {
            s = s.substring(0, colon);
        }
        return s;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String toLowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    char d = chars[j];
                    if (d >= 'A' && d <= 'Z') {
                        chars[j] = (char) (d + 32);
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }

    /** Returns why an already lowercased ASCII name is not a valid domain, or null if it is. */
    static String syntaxProblem(String s) {
        if (s.length() > MAX_LENGTH) {
            return "name longer than " + MAX_LENGTH + " characters";
        }
        if (s.startsWith("*.") || s.equals("*")) {
            return "wildcard";
        }
        int labelStart = 0;
        int labels = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0) {
                    return "empty label";
                }
                if (len > MAX_LABEL) {
                    return "label longer than " + MAX_LABEL + " characters";
                }
                if (s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return "hyphen at the start or end of a label";
                }
                labels++;
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return "bad character '" + printable(c) + "'";
            }
        }
        if (labels < 2) {
            return "single label";
        }
        if (allDigits(s, s.lastIndexOf('.') + 1)) {
            // No top-level domain is numeric: this is an address written as a name.
            return isDottedQuad(s) ? "IP address" : "numeric top-level label";
        }
        return null;
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return from < s.length();
    }

    private static boolean isDottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !allDigits(p, 0) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }

    /** This name and every parent down to (but excluding) the top-level label: the names an entry may be. */
    public List<String> selfAndParents() {
        List<String> names = new ArrayList<>(4);
        names.add(value);
        int dot = value.indexOf('.');
        while (dot >= 0) {
            String parent = value.substring(dot + 1);
            if (parent.indexOf('.') < 0) {
                break;
            }
            names.add(parent);
            dot = value.indexOf('.', dot + 1);
        }
        return names;
    }

    @Override
    public int compareTo(DomainName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
