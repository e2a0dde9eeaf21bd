package dev.parasol.report.log;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The query-log formats `activity import` reads. */
public enum LogFormat {
    /** BIND 9 query logging ("query: NAME IN TYPE") and RPZ rewrite lines, from a file channel or syslog. */
    BIND,
    /** Unbound log-queries / log-replies lines, with the [epoch] prefix or through syslog. */
    UNBOUND,
    /** dnsmasq log-queries lines ("query[A] NAME from ADDR"); its other lines are skipped. */
    DNSMASQ,
    /** time,client,domain[,qtype] with an optional header. */
    CSV;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public QueryLogParser parser(ZoneId zone, Clock clock) {
        LogTimes times = new LogTimes(zone, clock);
        return switch (this) {
            case BIND -> new BindLogParser(times);
            case UNBOUND -> new UnboundLogParser(times);
            case DNSMASQ -> new DnsmasqLogParser(times);
            case CSV -> new CsvLogParser(times);
        };
    }

    /** Decides from the first lines of a log; the resolver's own markers are unambiguous. */
    public static Optional<LogFormat> detect(List<String> firstLines) {
        for (String line : firstLines) {
            if (line.contains("unbound[") || line.contains("unbound: [")) {
                return Optional.of(UNBOUND);
            }
            if (line.contains("dnsmasq[") || line.contains("dnsmasq:")) {
                return Optional.of(DNSMASQ);
            }
            if (line.contains("client @0x") || line.contains(": query: ") || line.contains("rpz QNAME")
                    || (line.contains("client ") && line.contains(" rpz "))) {
                return Optional.of(BIND);
            }
        }
        for (String line : firstLines) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                long commas = s.chars().filter(ch -> ch == ',').count();
                return commas >= 2 ? Optional.of(CSV) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
