package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.intake.ImportListener;
import dev.parasol.intake.ImportOptions;
import dev.parasol.intake.format.Format;
import dev.parasol.service.Actor;
import dev.parasol.support.Cli;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed re-imported whole does not rewrite its entries (its source carries their sightings), yet
 * every entry's times seen, last seen and last source stay exactly what per-entry refreshes would
 * give: through re-imports, names dropping out and coming back, other sources and HTTP requests.
 */
class CarriedSightingsTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path home;
    private final SteppingClock clock = new SteppingClock();
    private Cli cli;

    @BeforeEach
    void open() {
        cli = new Cli(home, clock);
        cli.run("enable-integration", "threatq").ok();
    }

    @AfterEach
    void close() {
        cli.close();
    }

    /** Names every feed file also holds: none here; enough in {@link CarriedSightingsInRunsTest} that each first import stores a run. */
    int padding() {
        return 0;
    }

    private Path feed(String name, String... domains) throws Exception {
        Path f = home.resolve(name);
        StringBuilder text = new StringBuilder(String.join("\n", domains)).append('\n');
        for (int i = 0; i < padding(); i++) {
            text.append("pad").append(i).append(".bad.xyz\n");
        }
        Files.writeString(f, text);
        return f;
    }

    /** Imports at the next hour; returns the time it was imported at. */
    private Instant importAt(Path file) {
        clock.advance();
        cli.run("import", "threatq", file.toString(), "-q").ok();
        return clock.instant();
    }

    private record Seen(int times, Instant last, String source) {
    }

    private Map<String, Seen> entries() throws Exception {
        JsonNode rows = Json.mapper().readTree(cli.run("see-domains", "threatq", "--all", "-o", "json").ok().out());
        Map<String, Seen> byName = new HashMap<>();
        for (JsonNode r : rows) {
            byName.put(r.get("domain").asText(), new Seen(r.get("timesSeen").asInt(),
                    Instant.parse(r.get("lastSeenAt").asText()), r.get("lastSource").asText()));
        }
        return byName;
    }

    @Test
    void reImportingTheSameFeedCountsEverySighting() throws Exception {
        Path a = feed("a.txt", "one.bad.xyz", "two.bad.xyz", "three.bad.xyz");
        importAt(a);
        importAt(a);
        Instant third = importAt(a);
        Map<String, Seen> seen = entries();
        assertEquals(new Seen(3, third, a.toString()), seen.get("one.bad.xyz"));
        assertEquals(new Seen(3, third, a.toString()), seen.get("three.bad.xyz"));
    }

    @Test
    void aNameTheFeedStopsSendingKeepsItsLastSightingAndCountsAgainWhenItComesBack() throws Exception {
        Path a = feed("a.txt", "one.bad.xyz", "two.bad.xyz", "three.bad.xyz");
        importAt(a);
        Instant second = importAt(a);
        feed("a.txt", "one.bad.xyz", "three.bad.xyz");
        Instant third = importAt(a);
        importAt(a);
        Map<String, Seen> seen = entries();
        assertEquals(new Seen(2, second, a.toString()), seen.get("two.bad.xyz"), "dropped out after its second sighting");
        assertEquals(new Seen(4, clock.instant(), a.toString()), seen.get("one.bad.xyz"));

        feed("a.txt", "one.bad.xyz", "two.bad.xyz", "three.bad.xyz");
        Instant fifth = importAt(a);
        seen = entries();
        assertEquals(new Seen(3, fifth, a.toString()), seen.get("two.bad.xyz"), "back: counted from where it stopped");
        assertEquals(new Seen(5, fifth, a.toString()), seen.get("one.bad.xyz"));
        assertEquals(third.plus(Duration.ofHours(2)), fifth);
    }

    @Test
    void anotherSourceTakesOverTheSightingsOfWhatItSends() throws Exception {
        Path a = feed("a.txt", "one.bad.xyz", "two.bad.xyz");
        Path b = feed("b.txt", "two.bad.xyz");
        importAt(a);
        importAt(a);
        Instant fromB = importAt(b);
        Map<String, Seen> seen = entries();
        assertEquals(new Seen(3, fromB, b.toString()), seen.get("two.bad.xyz"));

        Instant fromA = importAt(a);
        seen = entries();
        assertEquals(new Seen(4, fromA, a.toString()), seen.get("two.bad.xyz"));
        assertEquals(new Seen(3, fromA, a.toString()), seen.get("one.bad.xyz"));
    }

    @Test
    void aPieceOfAFeedRefreshesOnlyWhatItSendsAndLeavesTheRestCarried() throws Exception {
        Path a = feed("a.txt", "one.bad.xyz", "two.bad.xyz");
        importAt(a);
        Instant second = importAt(a);
        clock.advance();
        // What the HTTP receiver does with one request of events.
        cli.context().imports().importIndicators(new Actor("ThreatQ Account", Actor.HTTP), "threatq", "http", Optional.empty(),
                new ByteArrayInputStream("one.bad.xyz\n".getBytes(StandardCharsets.UTF_8)),
                new ImportOptions(Optional.of(Format.PLAIN), false, false, false, true), ImportListener.SILENT);
        Instant request = clock.instant();
        Map<String, Seen> seen = entries();
        assertEquals(new Seen(3, request, "http"), seen.get("one.bad.xyz"));
        assertEquals(new Seen(2, second, a.toString()), seen.get("two.bad.xyz"));

        Instant third = importAt(a);
        seen = entries();
        assertEquals(new Seen(4, third, a.toString()), seen.get("one.bad.xyz"));
        assertEquals(new Seen(3, third, a.toString()), seen.get("two.bad.xyz"));
    }

    @Test
    void aDryRunChangesNoSighting() throws Exception {
        Path a = feed("a.txt", "one.bad.xyz");
        Instant first = importAt(a);
        clock.advance();
        cli.run("import", "threatq", a.toString(), "--dry-run", "-q").ok();
        assertEquals(new Seen(1, first, a.toString()), entries().get("one.bad.xyz"));
    }

    /** A clock an hour further on at each {@link #advance}, so sightings have distinct times. */
    private static final class SteppingClock extends Clock {
        private Instant now = T0;

        void advance() {
            now = now.plus(Duration.ofHours(1));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
