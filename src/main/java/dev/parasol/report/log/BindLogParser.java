package dev.parasol.report.log;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIND 9 query logging and RPZ rewrite lines, e.g.
 * <pre>
 * 23-Nov-2026 10:00:01.123 queries: info: client @0x7f3a1c0a8b60 10.0.0.5#53211 (www.example.com): query: www.example.com IN A +E(0)K (10.0.0.1)
 * 23-Nov-2026 10:00:02.456 rpz: info: client @0x7f3a1c0a8b60 10.0.0.5#5353 (bad.example): rpz QNAME NXDOMAIN rewrite bad.example/A/IN via bad.example.enforce.default-policy.rpz.parasol
 * </pre>
 * The client handle (@0x...), the view ("view internal: ") and syslog prefixes are optional;
 * log-only zones ("policy disabled") are written "disabled rpz ...". Other messages are skipped.
 */
final class BindLogParser implements QueryLogParser {
    private static final Pattern CLIENT = Pattern.compile("client (?:@0x[0-9a-fA-F]+ )?(\\S+?)#\\d+(?: \\([^)]*\\))?: (?:view [^:]+: )?");
    private static final Pattern QUERY = Pattern.compile("query: (\\S+) (\\S+) (\\S+)");
    private static final Pattern RPZ = Pattern.compile("(disabled )?rpz (\\S+) (\\S+) rewrite (\\S+?)(?:/(\\S+?)/\\S+)? via (\\S+)");

    private final LogTimes times;

    BindLogParser(LogTimes times) {
        this.times = times;
    }

    @Override
    public Optional<LogQuery> parse(String line) {
        LogQuery fast = plainQuery(line);
        if (fast != null) {
            return Optional.of(fast);
        }
        boolean query = line.contains("query: ");
        boolean rpz = line.contains("rpz ");
        if (!query && !rpz) {
            return Optional.empty();
        }
        Matcher client = CLIENT.matcher(line);
        if (!client.find()) {
            if (rpz && !query) {
                // RPZ also logs zone loads and errors ("rpz: ... zone loaded"): not a query.
                return Optional.empty();
            }
            throw new BadLogLineException("query line without 'client ADDRESS#PORT'");
        }
        LogTimes.Leading time = times.leading(line);
        String address = client.group(1);
        String rest = line.substring(client.end());
        Matcher q = QUERY.matcher(rest);
        if (q.lookingAt()) {
            return Optional.of(LogQuery.of(time.time(), address, q.group(1), q.group(3)));
        }
        Matcher r = RPZ.matcher(rest);
        if (r.lookingAt()) {
            String type = r.group(5) == null ? "A" : r.group(5);
            return Optional.of(new LogQuery(time.time(), address, r.group(4), type,
                    Optional.of(new LogQuery.RpzRewrite(r.group(3), r.group(1) != null, r.group(6)))));
        }
        if (rest.startsWith("query") || rest.contains("rpz ")) {
            throw new BadLogLineException("cannot read the query after the client address");
        }
        return Optional.empty();
    }

    /**
     * The common line, a query after the first "client ", read without the patterns (a million
     * lines spent a tenth of an import in them); null for anything else, which the patterns read.
     * Accepts exactly what CLIENT then QUERY would match there.
     */
    private LogQuery plainQuery(String line) {
        int p = line.indexOf("client ");
        if (p < 0) {
            return null;
        }
        p += 7;
        if (line.startsWith("@0x", p)) {
            int q = p + 3;
            while (q < line.length() && isHex(line.charAt(q))) {
                q++;
            }
            if (q == p + 3 || q >= line.length() || line.charAt(q) != ' ') {
                return null;
            }
            p = q + 1;
        }
        int hash = p;
        while (hash < line.length() && line.charAt(hash) != '#') {
            if (isSpace(line.charAt(hash))) {
                return null;
            }
            hash++;
        }
        if (hash == p || hash >= line.length()) {
            return null;
        }
        String address = line.substring(p, hash);
        int q = hash + 1;
        while (q < line.length() && isDigit(line.charAt(q))) {
            q++;
        }
        if (q == hash + 1) {
            return null;
        }
        if (line.startsWith(" (", q)) {
            int close = line.indexOf(')', q + 2);
            if (close < 0) {
                return null;
            }
            q = close + 1;
        }
        if (!line.startsWith(": ", q)) {
            return null;
        }
        q += 2;
        if (line.startsWith("view ", q)) {
            int colon = line.indexOf(':', q + 5);
            if (colon > q + 5 && line.startsWith(": ", colon)) {
                q = colon + 2;
            }
        }
        if (!line.startsWith("query: ", q)) {
            return null;
        }
        int nameAt = q + 7;
        int nameEnd = token(line, nameAt);
        if (nameEnd < 0 || nameEnd >= line.length() || line.charAt(nameEnd) != ' ') {
            return null;
        }
        int classEnd = token(line, nameEnd + 1);
        if (classEnd < 0 || classEnd >= line.length() || line.charAt(classEnd) != ' ') {
            return null;
        }
        int typeEnd = token(line, classEnd + 1);
        if (typeEnd < 0) {
            return null;
        }
        LogTimes.Leading time = times.leading(line);
        return LogQuery.of(time.time(), address, line.substring(nameAt, nameEnd), type(line, classEnd + 1, typeEnd));
    }

    /** The end of the non-space run at {@code from}, or -1 when it is empty. */
    private static int token(String s, int from) {
        int i = from;
        while (i < s.length() && !isSpace(s.charAt(i))) {
            i++;
        }
        return i == from ? -1 : i;
    }

    /** The usual types as one shared string each. */
    private static String type(String line, int from, int to) {
        if (to - from == 1 && line.charAt(from) == 'A') {
            return "A";
        }
        if (to - from == 4 && line.startsWith("AAAA", from)) {
            return "AAAA";
        }
        return line.substring(from, to);
    }

    /** What \s matches. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
