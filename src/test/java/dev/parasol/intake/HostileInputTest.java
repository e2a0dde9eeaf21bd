package dev.parasol.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.intake.format.Format;
import dev.parasol.support.CliTest;
import dev.parasol.support.CommandResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A corpus of hostile inputs (binary, invalid UTF-8, NUL bytes, a 1 MB line, JSON nested 100,000
 * deep, 100,000 bad lines, 100,000 columns) through every parser, forced and detected: no crash,
 * no stack trace, a documented exit code, and the good lines around the garbage kept.
 */
class HostileInputTest extends CliTest {
    private static final String GOOD = "good.hostile-test.xyz";

    @BeforeEach
    void enable() {
        cli.run("enable-integration", "threatq").ok();
    }

    private record Hostile(String name, byte[] bytes, boolean goodLineSurvives) {
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Hostile> corpus() {
        Random random = new Random(42);
        byte[] noise = new byte[256 * 1024];
        random.nextBytes(noise);
        List<Hostile> corpus = new ArrayList<>();
        corpus.add(new Hostile("binary", concat(noise, utf8("\n" + GOOD + "\n")), false));
        corpus.add(new Hostile("invalid-utf8", concat(utf8("a.bad"), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE},
                utf8(".xyz\n\u00ff\u00fe\n"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}, utf8(GOOD + "\n")), true));
        corpus.add(new Hostile("nul-bytes", concat(utf8("x"), new byte[1000], utf8("\n" + GOOD + "\n")), true));
        corpus.add(new Hostile("one-mb-line", utf8("a".repeat(1 << 20) + "\n" + GOOD + "\n"), true));
        corpus.add(new Hostile("json-nested-100k", utf8("[".repeat(100_000) + "]".repeat(100_000)), false));
        corpus.add(new Hostile("json-objects-nested-50k", utf8("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)), false));
        corpus.add(new Hostile("100k-bad-lines", utf8("not a domain!!\n".repeat(100_000) + GOOD + "\n"), true));
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            header.append("c").append(i).append(',');
        }
        corpus.add(new Hostile("100k-columns", utf8(header + "Domain\n" + ",".repeat(100_000) + GOOD + "\n"), false));
        corpus.add(new Hostile("huge-number", utf8("[{\"dstDomain\":\"" + GOOD + "\",\"eventTime\":" + "9".repeat(100_000) + "}]"), false));
        return corpus;
    }

    @TestFactory
    Stream<DynamicTest> everyParserSurvivesEveryHostileInput() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Hostile h : corpus()) {
            Path file = home.resolve(h.name() + ".txt");
            Files.write(file, h.bytes());
            List<String> formats = new ArrayList<>();
            formats.add("detected");
            for (Format f : Format.values()) {
                formats.add(f.label());
            }
            for (String format : formats) {
                tests.add(DynamicTest.dynamicTest(h.name() + " as " + format, () -> {
                    // A dry run parses, validates and sorts everything; storing is the next test's.
                    List<String> args = new ArrayList<>(List.of("import", "threatq", file.toString(), "--dry-run", "-q", "-o", "json"));
                    if (!format.equals("detected")) {
                        args.add("--format");
                        args.add(format);
                    }
                    CommandResult r = cli.run(args.toArray(new String[0]));
                    assertTrue(r.exitCode() == 0 || r.exitCode() == 4, "exit " + r.exitCode() + ": " + r.err());
                    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
                    assertTrue(r.err().lines().allMatch(line -> line.length() < 1_000), "one-line messages: " + r.err().length());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void goodLinesAroundGarbageAreKept() throws Exception {
        for (Hostile h : corpus()) {
            if (!h.goodLineSurvives()) {
                continue;
            }
            Path file = home.resolve(h.name() + ".txt");
            Files.write(file, h.bytes());
            cli.run("import", "threatq", file.toString(), "-q", "--format", "plain");
        }
        JsonNode entries = Json.mapper().readTree(cli.run("see-domains", "threatq", "--search", GOOD, "-o", "json").ok().out());
        assertEquals(1, entries.size());
        assertEquals(4, entries.get(0).get("timesSeen").asInt(), "seen once per input that keeps it");
    }

    @Test
    void everyBadLineIsReportedAndKept() throws Exception {
        Path bad = home.resolve("bad.txt");
        Files.writeString(bad, "not a domain!!\n".repeat(100_000) + GOOD + "\n");
        JsonNode report = Json.mapper().readTree(
                cli.run("import", "threatq", bad.toString(), "--format", "plain", "-q", "-o", "json").expect(4).out());
        long rejected = 0;
        for (JsonNode n : report.get("rejectedByReason")) {
            rejected += n.asLong();
        }
        assertEquals(100_000, rejected);
        assertEquals(100_000, Json.mapper().readTree(cli.run("rejected", "threatq", "--limit", "200000", "-o", "json").ok().out()).size());
    }
}
