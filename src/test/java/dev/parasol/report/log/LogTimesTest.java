package dev.parasol.report.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTimesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);

    /** A BIND second seen before is read by hand; it must read exactly as the pattern does on a fresh reader. */
    @Test
    void aRepeatedBindSecondReadsAsAFreshOne() {
        List<String> lines = List.of(
                "23-Nov-2026 10:00:01.123 queries: info: x",
                "23-Nov-2026 10:00:01 queries: info: x",
                "23-Nov-2026 10:00:01.5 queries: info: x",
                "23-Nov-2026 10:00:01.123456789 queries: info: x",
                "23-Nov-2026 10:00:01.1234567891 queries: info: x",
                "23-Nov-2026 10:00:01. queries: info: x",
                "23-Nov-2026 10:00:011 queries: info: x",
                "23-Nov-2026 10:00:02.001 queries: info: x",
                "3-Nov-2026 10:00:02.001 queries: info: x");
        for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"))) {
            LogTimes reused = new LogTimes(zone, CLOCK);
            for (String line : lines) {
                assertEquals(new LogTimes(zone, CLOCK).leading(line), reused.leading(line), line);
            }
        }
    }
}
