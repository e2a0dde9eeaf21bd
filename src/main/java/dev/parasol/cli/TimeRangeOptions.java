package dev.parasol.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Option;

/** `--from TIME --to TIME` for searches: a date, an instant, or an age relative to now (24h, 7d). */
public final class TimeRangeOptions {
    @Option(names = "--from", paramLabel = "TIME", description = "At or after TIME (2026-11-01, 2026-11-01T09:30:00Z, 24h, 7d, ...).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Before TIME.")
    String to;

    public Optional<Instant> from(Clock clock) {
        return Optional.ofNullable(from).map(t -> TimeSpec.parse(t, clock));
    }

    public Optional<Instant> to(Clock clock) {
        return Optional.ofNullable(to).map(t -> TimeSpec.parse(t, clock));
    }
}
