package dev.parasol.report.log;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dnsmasq with log-queries (or log-queries=extra, which adds a serial and ADDRESS/PORT), e.g.
 * <pre>
 * Nov 23 10:00:01 dnsmasq[123]: query[A] www.example.com from 10.0.0.5
 * Nov 23 10:00:01 dnsmasq[123]: 17 10.0.0.5/53211 query[AAAA] www.example.com from 10.0.0.5
 * </pre>
 * The forwarded / reply / cached / config lines that follow a query are skipped.
 */
final class DnsmasqLogParser implements QueryLogParser {
    private static final Pattern QUERY = Pattern.compile("query\\[([A-Za-z0-9]+)\\] (\\S+) from (\\S+)");

    private final LogTimes times;

    DnsmasqLogParser(LogTimes times) {
        this.times = times;
    }

    @Override
    public Optional<LogQuery> parse(String line) {
        int at = line.indexOf("query[");
        if (at < 0) {
            return Optional.empty();
        }
        Matcher m = QUERY.matcher(line);
        if (!m.find(at)) {
            throw new BadLogLineException("expected 'query[TYPE] NAME from ADDRESS'");
        }
        LogTimes.Leading time = times.leading(line);
        return Optional.of(LogQuery.of(time.time(), m.group(3), m.group(2), m.group(1)));
    }
}
