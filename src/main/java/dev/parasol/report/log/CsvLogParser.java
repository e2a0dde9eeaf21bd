package dev.parasol.report.log;

import java.time.Instant;
import java.util.Optional;

/**
 * time,client,domain[,qtype]: time ISO 8601 (no offset: the import's zone) or Unix seconds;
 * client an address or a host name; qtype A when absent. A first line starting "time" is the
 * header. Fields may be double-quoted; none of these fields contains a comma.
 */
final class CsvLogParser implements QueryLogParser {
    private final LogTimes times;

    CsvLogParser(LogTimes times) {
        this.times = times;
    }

    @Override
    public Optional<LogQuery> parse(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#") || s.regionMatches(true, 0, "time,", 0, 5) || s.regionMatches(true, 0, "\"time\",", 0, 7)) {
            return Optional.empty();
        }
        String[] f = s.split(",", -1);
        if (f.length < 3 || f.length > 4) {
            throw new BadLogLineException("expected time,client,domain[,qtype]");
        }
        String time = unquote(f[0]);
        String client = unquote(f[1]);
        String domain = unquote(f[2]);
        String type = f.length == 4 && !unquote(f[3]).isEmpty() ? unquote(f[3]) : "A";
        if (client.isEmpty()) {
            throw new BadLogLineException("empty client");
        }
        return Optional.of(LogQuery.of(time(time), client, domain, type));
    }

    private Instant time(String text) {
        if (!text.isEmpty() && text.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || ch == '.')) {
            int dot = text.indexOf('.');
            try {
                long seconds = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
                long nanos = dot < 0 ? 0 : Long.parseLong((text.substring(dot + 1) + "000000000").substring(0, 9));
                return Instant.ofEpochSecond(seconds, nanos);
            } catch (NumberFormatException e) {
                throw new BadLogLineException("bad time '" + text + "'");
            }
        }
        return times.iso(text);
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).strip() : t;
    }
}
