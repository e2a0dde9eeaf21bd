package dev.parasol.report.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timestamps resolvers put at the start of a line: BIND's "23-Nov-2026 10:00:01.123",
 * ISO 8601 (BIND print-time iso8601, rsyslog high precision), classic syslog "Nov 23 10:00:01"
 * (no year: the most recent such time not more than a day ahead of now) and Unbound's
 * "[1700000000]". Times without an offset are read in the given zone.
 */
final class LogTimes {
    private static final Pattern BIND = Pattern.compile("(\\d{1,2})-([A-Za-z]{3})-(\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern SYSLOG = Pattern.compile("([A-Za-z]{3}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})");
    private static final Pattern EPOCH = Pattern.compile("\\[(\\d{9,11})(?:\\.(\\d{1,9}))?\\]");
    private static final String MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec";

    private final ZoneId zone;
    private final Clock clock;
    /** The last BIND time up to its seconds, and that second as an instant: a busy log repeats it many times. */
    private String lastBindSecond;
    private Instant lastBindInstant;

    LogTimes(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    /** A time read from the start of a line and where it ended. */
    record Leading(Instant time, int end) {
    }

    /** The time the line starts with; throws {@link BadLogLineException} if there is none. */
    Leading leading(String line) {
        if (lastBindSecond != null && line.startsWith(lastBindSecond)) {
            return sameBindSecond(line);
        }
        Matcher m = EPOCH.matcher(line);
        if (m.lookingAt()) {
            long seconds = Long.parseLong(m.group(1));
            long nanos = m.group(2) == null ? 0 : Long.parseLong((m.group(2) + "000000000").substring(0, 9));
            return new Leading(Instant.ofEpochSecond(seconds, nanos), m.end());
        }
        m = BIND.matcher(line);
        if (m.lookingAt()) {
            int month = month(m.group(2));
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            lastBindSecond = line.substring(0, m.end(6));
            lastBindInstant = t.atZone(zone).toInstant();
            return new Leading(lastBindInstant.plusNanos(nanos(m.group(7))), m.end());
        }
        m = ISO.matcher(line);
        if (m.lookingAt()) {
            return new Leading(iso(m.group()), m.end());
        }
        m = SYSLOG.matcher(line);
        if (m.lookingAt()) {
            int month = month(m.group(1));
            ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), zone);
            try {
                ZonedDateTime t = LocalDateTime.of(now.getYear(), month, Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))).atZone(zone);
                if (t.isAfter(now.plus(Duration.ofDays(1)))) {
                    t = t.minusYears(1);
                }
                return new Leading(t.toInstant(), m.end());
            } catch (java.time.DateTimeException e) {
                throw new BadLogLineException("bad date '" + m.group() + "'");
            }
        }
        throw new BadLogLineException("no timestamp at the start of the line");
    }

    /** The BIND pattern read by hand after a prefix seen before: the optional fraction is up to nine digits. */
    private Leading sameBindSecond(String line) {
        int end = lastBindSecond.length();
        if (end + 1 < line.length() && line.charAt(end) == '.' && isDigit(line.charAt(end + 1))) {
            int digits = end + 1;
            int nanos = 0;
            int scale = 100_000_000;
            while (digits < line.length() && digits - end <= 9 && isDigit(line.charAt(digits))) {
                nanos += (line.charAt(digits) - '0') * scale;
                scale /= 10;
                digits++;
            }
            return new Leading(lastBindInstant.plusNanos(nanos), digits);
        }
        return new Leading(lastBindInstant, end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** ISO 8601 with or without an offset; a space may stand for the T, a comma for the point. */
    Instant iso(String text) {
        String s = text.replace(' ', 'T').replace(',', '.');
        try {
            if (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(s).toInstant();
            }
            if (s.matches(".*[+-]\\d{4}$")) {
                return OffsetDateTime.parse(s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2)).toInstant();
            }
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadLogLineException("bad time '" + text + "'");
        }
    }

    private static int month(String abbreviation) {
        int i = MONTHS.indexOf(abbreviation.toLowerCase(Locale.ROOT));
        if (i < 0 || i % 4 != 0) {
            throw new BadLogLineException("unknown month '" + abbreviation + "'");
        }
        return i / 4 + 1;
    }

    private static int nanos(String fraction) {
        return fraction == null ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
    }
}
