package dev.parasol.cli;

import dev.parasol.ParasolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times on the command line: ISO ("2026-11-01", "2026-11-01T09:30:00Z") or ago ("30m", "24h", "7d", "2w"). */
public final class TimeSpec {
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)\\s*([smhdw])");

    private TimeSpec() {
    }

    public static Instant parse(String text, Clock clock) {
        String s = text.strip();
        Matcher m = RELATIVE.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return clock.instant().minus(d);
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ParasolException.usage("'" + text + "' is not a time: use 2026-11-01, 2026-11-01T09:30:00Z (UTC unless an offset is given) or 30m, 24h, 7d, 2w ago");
        }
    }
}
