package dev.parasol.report.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fixture lines written in each resolver's documented log format. */
class QueryLogParserTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private static LogQuery parse(LogFormat format, String line) {
        return format.parser(ZoneId.of("UTC"), NOW).parse(line).orElseThrow(() -> new AssertionError("skipped: " + line));
    }

    private static Optional<LogQuery> maybe(LogFormat format, String line) {
        return format.parser(ZoneId.of("UTC"), NOW).parse(line);
    }

    @Test
    void bindQueryLineWithFileChannelTimestamp() {
        LogQuery q = parse(LogFormat.BIND, "23-Nov-2026 10:00:01.123 queries: info: client @0x7f3a1c0a8b60 10.0.0.5#53211 "
                + "(www.example.com): query: www.example.com IN A +E(0)K (10.0.0.1)");
        assertEquals(Instant.parse("2026-11-23T10:00:01.123Z"), q.time());
        assertEquals("10.0.0.5", q.client());
        assertEquals("www.example.com", q.name());
        assertEquals("A", q.queryType());
        assertTrue(q.rewrite().isEmpty());
    }

    @Test
    void bindQueryLineThroughSyslogWithViewAndIpv6Client() {
        LogQuery q = parse(LogFormat.BIND, "Nov 23 10:00:01 ns1 named[812]: client @0x7f00 2001:db8::5#40000 (Mail.Example.ORG): "
                + "view internal: query: Mail.Example.ORG IN AAAA +E(0) (2001:db8::1)");
        assertEquals(Instant.parse("2026-11-23T10:00:01Z"), q.time());
        assertEquals("2001:db8::5", q.client());
        assertEquals("Mail.Example.ORG", q.name());
        assertEquals("AAAA", q.queryType());
    }

    @Test
    void bindOldStyleLineWithoutClientHandleAndIsoTime() {
        LogQuery q = parse(LogFormat.BIND, "2026-11-23T10:00:01.500Z queries: info: client 10.0.0.9#1234 (a.example.net): query: a.example.net IN MX + (10.0.0.1)");
        assertEquals(Instant.parse("2026-11-23T10:00:01.500Z"), q.time());
        assertEquals("MX", q.queryType());
    }

    /** BIND query lines as the patterns alone read them (the parser reads the usual ones by hand first). */
    private static Optional<String> byPatterns(String line) {
        java.util.regex.Matcher client = java.util.regex.Pattern.compile(
                "client (?:@0x[0-9a-fA-F]+ )?(\\S+?)#\\d+(?: \\([^)]*\\))?: (?:view [^:]+: )?").matcher(line);
        if (!client.find()) {
            return Optional.empty();
        }
        java.util.regex.Matcher q = java.util.regex.Pattern.compile("query: (\\S+) (\\S+) (\\S+)").matcher(line.substring(client.end()));
        return q.lookingAt() ? Optional.of(client.group(1) + " " + q.group(1) + " " + q.group(3)) : Optional.empty();
    }

    @Test
    void bindQueryLinesReadByHandAsThePatternsReadThem() {
        String time = "23-Nov-2026 10:00:01.123 queries: info: ";
        List<String> tails = List.of(
                "client @0x7f3a1c0a8b60 10.0.0.5#53211 (www.example.com): query: www.example.com IN A +E(0)K (10.0.0.1)",
                "client 10.0.0.5#53211 (www.example.com): query: www.example.com IN AAAA",
                "client 10.0.0.5#53211: query: www.example.com IN TXT +",
                "client @0x7f00 2001:db8::5#40000 (x): view internal: query: x.example IN HTTPS +E(0)",
                "client @0x7f00 10.0.0.5#1 (x): view a:b: query: x.example IN A +",
                "client @0x 10.0.0.5#1 (x): query: x.example IN A +",
                "client @0xZZ 10.0.0.5#1 (x): query: x.example IN A +",
                "client 10.0.0.5#x (x): query: x.example IN A +",
                "client 10.0.0.5#53#54 (x): query: x.example IN A +",
                "client 10.0.0.5##53 (x): query: x.example IN A +",
                "client 10.0.0.5#53 (x: query: x.example IN A +",
                "client 10.0.0.5#53 (x) y: query: x.example IN A +",
                "client 10.0.0.5#53 (x): query: x.example\tIN A +",
                "client 10.0.0.5#53 (x): query: x.example IN  A",
                "client 10.0.0.5#53 (x): query:  x.example IN A",
                "client 10.0.0.5#53 (x): query: x.example IN",
                "client 10.0.0.5#53 (x): query: x.example IN A",
                "client bad client 10.0.0.6#53 (x): query: x.example IN A +",
                "client #53 (x): query: x.example IN A +",
                "client 10.0.0.5#53 (x): rpz QNAME NXDOMAIN rewrite x.example/A/IN via x.example.rpz");
        for (String tail : tails) {
            String line = time + tail;
            Optional<String> expected = byPatterns(line);
            Optional<String> read;
            try {
                read = maybe(LogFormat.BIND, line).filter(q -> q.rewrite().isEmpty()).map(q -> q.client() + " " + q.name() + " " + q.queryType());
            } catch (BadLogLineException e) {
                read = Optional.empty();
            }
            assertEquals(expected, read, line);
        }
    }

    @Test
    void bindRpzRewriteLine() {
        LogQuery q = parse(LogFormat.BIND, "23-Nov-2026 10:00:02.456 rpz: info: client @0x7f3a1c0a8b60 10.0.0.5#5353 (bad.example): "
                + "rpz QNAME NXDOMAIN rewrite bad.example/A/IN via bad.example.enforce.default-policy.rpz.parasol");
        assertEquals("bad.example", q.name());
        assertEquals("A", q.queryType());
        LogQuery.RpzRewrite r = q.rewrite().orElseThrow();
        assertEquals("NXDOMAIN", r.action());
        assertFalse(r.disabled());
        assertEquals("bad.example.enforce.default-policy.rpz.parasol", r.ruleOwner());
    }

    @Test
    void bindRpzLogOnlyZoneIsDisabled() {
        LogQuery q = parse(LogFormat.BIND, "23-Nov-2026 10:00:03.000 rpz: info: client @0x7f 10.0.0.6#5353 (www.bad.example): "
                + "disabled rpz QNAME NXDOMAIN rewrite www.bad.example/AAAA/IN via *.bad.example.threatq-destination-list.audit.default-policy.rpz.parasol");
        assertTrue(q.rewrite().orElseThrow().disabled());
        assertEquals("AAAA", q.queryType());
    }

    @Test
    void bindOtherMessagesAreSkippedAndBrokenQueryLinesRejected() {
        assertTrue(maybe(LogFormat.BIND, "23-Nov-2026 10:00:00.000 general: info: zone example.com/IN: loaded serial 7").isEmpty());
        assertTrue(maybe(LogFormat.BIND, "23-Nov-2026 10:00:00.000 rpz: info: rpz: threatq.rpz.parasol: reload done").isEmpty());
        BadLogLineException e = assertThrows(BadLogLineException.class,
                () -> maybe(LogFormat.BIND, "client @0x7f 10.0.0.5#53211 (x.example): query: x.example IN A +"));
        assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
    }

    @Test
    void unboundLogQueriesAndLogReplies() {
        LogQuery q = parse(LogFormat.UNBOUND, "[1763892001] unbound[1234:0] info: 10.0.0.5 www.example.com. A IN");
        assertEquals(Instant.ofEpochSecond(1763892001), q.time());
        assertEquals("10.0.0.5", q.client());
        assertEquals("www.example.com.", q.name());
        assertEquals("A", q.queryType());
        LogQuery reply = parse(LogFormat.UNBOUND, "[1763892002] unbound[1234:0] info: 10.0.0.6 cdn.example.net. AAAA IN NOERROR 0.000102 0 77");
        assertEquals("AAAA", reply.queryType());
        LogQuery tagged = parse(LogFormat.UNBOUND, "Nov 23 10:00:01 resolver unbound: [1234:0] info: query: 10.0.0.7 x.example.org. TXT IN");
        assertEquals(Instant.parse("2026-11-23T10:00:01Z"), tagged.time());
        assertEquals("TXT", tagged.queryType());
    }

    @Test
    void unboundOtherInfoLinesAreSkipped() {
        assertTrue(maybe(LogFormat.UNBOUND, "[1763892001] unbound[1234:0] info: start of service (unbound 1.17.1).").isEmpty());
        assertTrue(maybe(LogFormat.UNBOUND, "[1763892001] unbound[1234:0] info: server stats for thread 0: 12 queries, 3 answers from cache").isEmpty());
    }

    @Test
    void dnsmasqQueriesPlainAndExtra() {
        LogQuery q = parse(LogFormat.DNSMASQ, "Nov 23 10:00:01 dnsmasq[123]: query[A] www.example.com from 10.0.0.5");
        assertEquals(Instant.parse("2026-11-23T10:00:01Z"), q.time());
        assertEquals("10.0.0.5", q.client());
        assertEquals("A", q.queryType());
        LogQuery extra = parse(LogFormat.DNSMASQ, "Nov  3 09:15:00 dnsmasq[123]: 17 10.0.0.8/53211 query[AAAA] ipv6.example.org from 10.0.0.8");
        assertEquals(Instant.parse("2026-11-03T09:15:00Z"), extra.time());
        assertEquals("AAAA", extra.queryType());
        assertEquals("10.0.0.8", extra.client());
    }

    @Test
    void dnsmasqForwardedRepliesAndCacheLinesAreSkipped() {
        assertTrue(maybe(LogFormat.DNSMASQ, "Nov 23 10:00:01 dnsmasq[123]: forwarded www.example.com to 1.1.1.1").isEmpty());
        assertTrue(maybe(LogFormat.DNSMASQ, "Nov 23 10:00:01 dnsmasq[123]: reply www.example.com is 93.184.216.34").isEmpty());
        assertTrue(maybe(LogFormat.DNSMASQ, "Nov 23 10:00:01 dnsmasq[123]: cached ads.example is 0.0.0.0").isEmpty());
    }

    @Test
    void syslogTimeWithoutYearIsNeverMoreThanADayAhead() {
        // On 23 Nov 2026 a December line is from December 2025.
        LogQuery q = parse(LogFormat.DNSMASQ, "Dec 31 23:59:59 dnsmasq[1]: query[A] old.example.com from 10.0.0.5");
        assertEquals(Instant.parse("2025-12-31T23:59:59Z"), q.time());
    }

    @Test
    void csvWithHeaderIsoAndEpochTimesAndOptionalType() {
        assertTrue(maybe(LogFormat.CSV, "time,client,domain,qtype").isEmpty());
        LogQuery iso = parse(LogFormat.CSV, "2026-11-23T10:00:01Z,10.0.0.5,www.example.com,AAAA");
        assertEquals(Instant.parse("2026-11-23T10:00:01Z"), iso.time());
        assertEquals("AAAA", iso.queryType());
        LogQuery epoch = parse(LogFormat.CSV, "1763892001.25,laptop-7.corp.lan,\"www.example.com\"");
        assertEquals(Instant.ofEpochSecond(1763892001, 250_000_000), epoch.time());
        assertEquals("laptop-7.corp.lan", epoch.client());
        assertEquals("A", epoch.queryType());
        assertThrows(BadLogLineException.class, () -> maybe(LogFormat.CSV, "yesterday,10.0.0.5,www.example.com"));
        assertThrows(BadLogLineException.class, () -> maybe(LogFormat.CSV, "2026-11-23T10:00:01Z,10.0.0.5"));
    }

    @Test
    void localTimesAreReadInTheGivenZone() {
        LogQuery q = LogFormat.BIND.parser(ZoneId.of("Europe/Berlin"), NOW).parse(
                "23-Nov-2026 11:00:00.000 queries: info: client @0x1 10.0.0.5#1 (a.example.com): query: a.example.com IN A +").orElseThrow();
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), q.time());
    }

    @Test
    void formatIsDetectedFromTheFirstLines() {
        assertEquals(Optional.of(LogFormat.UNBOUND), LogFormat.detect(List.of("[1763892001] unbound[1234:0] info: 10.0.0.5 a.example. A IN")));
        assertEquals(Optional.of(LogFormat.DNSMASQ), LogFormat.detect(List.of("Nov 23 10:00:01 dnsmasq[123]: started, version 2.89")));
        assertEquals(Optional.of(LogFormat.BIND), LogFormat.detect(List.of(
                "23-Nov-2026 10:00:01.123 queries: info: client @0x7f 10.0.0.5#53211 (a.example): query: a.example IN A +")));
        assertEquals(Optional.of(LogFormat.BIND), LogFormat.detect(List.of(
                "23-Nov-2026 10:00:02.456 rpz: info: client @0x7f 10.0.0.5#5353 (bad.example): rpz QNAME NXDOMAIN rewrite bad.example/A/IN via bad.example.x")));
        assertEquals(Optional.of(LogFormat.CSV), LogFormat.detect(List.of("time,client,domain", "2026-11-23T10:00:01Z,10.0.0.5,a.example")));
        assertEquals(Optional.empty(), LogFormat.detect(List.of("just some text")));
    }
}
