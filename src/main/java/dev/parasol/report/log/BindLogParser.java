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
}
