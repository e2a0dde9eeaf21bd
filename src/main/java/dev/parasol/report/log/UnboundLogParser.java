package dev.parasol.report.log;

import java.util.Optional;
import java.util.Set;

/**
 * Unbound with log-queries or log-replies, e.g.
 * <pre>
 * [1763892001] unbound[1234:0] info: 10.0.0.5 www.example.com. A IN
 * [1763892001] unbound[1234:0] info: 10.0.0.5 www.example.com. A IN NOERROR 0.000102 0 77
 * Nov 23 10:00:01 resolver unbound: [1234:0] info: 10.0.0.5 www.example.com. A IN
 * </pre>
 * (log-tag-queryreply adds "query: " or "reply: " after "info: "). Other info lines are skipped.
 */
final class UnboundLogParser implements QueryLogParser {
    private static final Set<String> CLASSES = Set.of("IN", "CH", "HS", "ANY", "CLASS0", "NONE");

    private final LogTimes times;

    UnboundLogParser(LogTimes times) {
        this.times = times;
    }

    @Override
    public Optional<LogQuery> parse(String line) {
        int info = line.indexOf(" info: ");
        if (info < 0) {
            return Optional.empty();
        }
        String rest = line.substring(info + 7);
        if (rest.startsWith("query: ") || rest.startsWith("reply: ")) {
            rest = rest.substring(7);
        }
        String[] fields = rest.split(" ", 6);
        // A query or reply line is ADDRESS NAME. TYPE CLASS [RCODE SECONDS CACHED SIZE].
        if (fields.length < 4 || !CLASSES.contains(fields[3]) || !fields[1].endsWith(".") || !looksLikeAddress(fields[0])) {
            return Optional.empty();
        }
        LogTimes.Leading time = times.leading(line);
        return Optional.of(LogQuery.of(time.time(), fields[0], fields[1], fields[2]));
    }

    private static boolean looksLikeAddress(String s) {
        return !s.isEmpty() && (Character.digit(s.charAt(0), 16) >= 0 || s.charAt(0) == ':');
    }
}
