package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parasol.support.Cli;
import dev.parasol.support.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Activity in and out: ThreatQ is in audit mode for the Default Policy and enforced by the
 * Finance policy (network 10.1.0.0/16); a global block and a roaming computer round it off.
 */
class ActivityCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void policies() throws Exception {
        cli = new Cli(home, Clock.fixed(NOW, ZoneOffset.UTC));
        cli.run("enable-integration", "threatq").ok();
        cli.runWithInput("malware-c2.xyz\nphish.sample-corp.net\n", "import", "threatq", "-").ok();
        cli.run("block", "tracker.example.org").ok();
        cli.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        cli.run("policy", "set", "Finance", "--identity", "network:10.1.0.0/16", "--security-setting", "Strict").ok();
        cli.run("policy", "set", "Roaming", "--identity", "roaming-computer:laptop-7", "--security-setting", "Strict").ok();
        cli.run("identity", "add", "network:10.0.0.0/8").ok();
    }

    @AfterEach
    void close() {
        cli.close();
    }

    private Path write(String name, String content) throws Exception {
        Path p = home.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private JsonNode search(String... args) throws Exception {
        String[] all = new String[args.length + 4];
        all[0] = "activity";
        all[1] = "search";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "-o";
        all[args.length + 3] = "json";
        return JSON.readTree(cli.run(all).ok().out());
    }

    private static final String BIND_LOG = String.join("\n",
            "23-Nov-2026 10:00:01.000 queries: info: client @0x7f3a1c0a8b60 10.0.0.5#53211 (www.malware-c2.xyz): query: www.malware-c2.xyz IN A +E(0)K (10.0.0.1)",
            "23-Nov-2026 10:00:02.000 queries: info: client @0x7f3a1c0a8b60 10.1.2.3#53212 (www.malware-c2.xyz): query: www.malware-c2.xyz IN A +E(0)K (10.0.0.1)",
            "23-Nov-2026 10:00:03.000 general: info: zone example.com/IN: loaded serial 7",
            "23-Nov-2026 10:00:04.000 queries: info: client @0x7f3a1c0a8b60 10.0.0.5#53213 (ads.tracker.example.org): query: ads.tracker.example.org IN AAAA +E(0)K (10.0.0.1)",
            "23-Nov-2026 10:00:05.000 queries: info: client @0x7f3a1c0a8b60 192.168.9.9#53214 (www.example.com): query: www.example.com IN A +E(0)K (10.0.0.1)",
            "");

    @Test
    void bindLogIsDecidedWithTheCurrentPolicies() throws Exception {
        CommandResult r = cli.run("activity", "import", write("queries.log", BIND_LOG).toString()).ok();
        assertTrue(r.err().contains("5 lines, 4 queries recorded (2 blocked), 1 other lines skipped, 0 rejected"), r.err());

        JsonNode all = search();
        assertEquals(4, all.size(), all.toString());
        JsonNode newest = all.get(0);
        assertEquals("2026-11-23T10:00:05Z", newest.get("time").asText());
        assertEquals("network:192.168.9.9/32", newest.get("identity").asText(), "an unregistered address is its own network");
        assertEquals("allowed", newest.get("verdict").asText());

        JsonNode audit = all.get(3);
        assertEquals("www.malware-c2.xyz", audit.get("domain").asText());
        assertEquals("network:10.0.0.0/8", audit.get("identity").asText(), "the registered network holding the address");
        assertEquals("10.0.0.5", audit.get("client").asText());
        assertEquals("allowed", audit.get("verdict").asText(), "ThreatQ is in audit mode for the Default Policy");
        assertEquals("ThreatQ", audit.get("categories").get(0).asText());
        assertEquals("Default Policy", audit.get("policy").asText());
        assertEquals("bind", audit.get("source").asText());

        JsonNode enforced = all.get(2);
        assertEquals("blocked", enforced.get("verdict").asText());
        assertEquals("Finance", enforced.get("policy").asText());
        assertEquals("ThreatQ Destination List", enforced.get("matched").get("list").asText());
        assertEquals("malware-c2.xyz", enforced.get("matched").get("entry").asText());

        JsonNode global = all.get(1);
        assertEquals("AAAA", global.get("queryType").asText());
        assertEquals("Global Block List", global.get("matched").get("list").asText());
    }

    @Test
    void everyFormatRecordsTheSameQueries() throws Exception {
        String unbound = "[1763892001] unbound[1234:0] info: 10.1.2.3 www.malware-c2.xyz. A IN\n"
                + "[1763892002] unbound[1234:0] info: 10.1.2.3 www.malware-c2.xyz. A IN NOERROR 0.000102 0 77\n"
                + "[1763892003] unbound[1234:0] info: start of service (unbound 1.17.1).\n";
        String dnsmasq = "Nov 23 10:00:01 dnsmasq[123]: query[A] www.malware-c2.xyz from 10.1.2.3\n"
                + "Nov 23 10:00:01 dnsmasq[123]: forwarded www.malware-c2.xyz to 1.1.1.1\n"
                + "Nov 23 10:00:02 dnsmasq[123]: 17 10.1.2.3/53211 query[A] www.malware-c2.xyz from 10.1.2.3\n";
        String csv = "time,client,domain,qtype\n2026-11-23T10:00:01Z,10.1.2.3,www.malware-c2.xyz,A\n1763892002,10.1.2.3,www.malware-c2.xyz\n";
        for (String[] log : new String[][] {{"unbound.log", unbound, "unbound"}, {"dnsmasq.log", dnsmasq, "dnsmasq"}, {"log.csv", csv, "csv"}}) {
            CommandResult r = cli.run("activity", "import", write(log[0], log[1]).toString(), "-o", "json").ok();
            JsonNode summary = JSON.readTree(r.out());
            assertEquals(log[2], summary.get("format").asText(), r.out());
            assertEquals(2, summary.get("recorded").asLong(), r.out());
            assertEquals(2, summary.get("blocked").asLong(), r.out());
        }
        assertEquals(6, search("--policy", "finance", "--verdict", "blocked").size());
    }

    @Test
    void badLinesAreReportedWithLineNumbersAndTheRestRecorded() throws Exception {
        String log = "Nov 23 10:00:01 dnsmasq[123]: query[A] ok.example.com from 10.0.0.5\n"
                + "Nov 23 10:00:02 dnsmasq[123]: query[A] bad..name from 10.0.0.5\n"
                + "Nov 23 10:00:03 dnsmasq[123]: query[A] broken-line\n"
                + "xx 99 10:00:04 dnsmasq[123]: query[A] also.example.com from 10.0.0.5\n";
        CommandResult r = cli.run("activity", "import", write("dnsmasq.log", log).toString()).expect(4);
        assertTrue(r.err().contains("dnsmasq.log:2: "), r.err());
        assertTrue(r.err().contains("empty label"), r.err());
        assertTrue(r.err().contains("dnsmasq.log:3: "), r.err());
        assertTrue(r.err().contains("dnsmasq.log:4: "), r.err());
        assertTrue(r.err().contains("1 queries recorded"), r.err());
        assertEquals(1, search().size());
    }

    @Test
    void standardInputNeedsAFormatWhenItCannotBeDetected() throws Exception {
        CommandResult r = cli.runWithInput("hello\n", "activity", "import", "-").expect(2);
        assertTrue(r.err().contains("--format"), r.err());
        cli.runWithInput("www.example.com\n", "activity", "import", "-", "--format", "csv").expect(4);
    }

    @Test
    void identityFileMapsAddressesAndHostNamesToTheirPolicies() throws Exception {
        Path map = write("clients.txt", "# who is who\n10.0.0.7 roaming-computer:laptop-7\nalice-pc.corp.lan  ad-user:alice\n");
        String csv = "2026-11-23T10:00:01Z,10.0.0.7,www.malware-c2.xyz\n2026-11-23T10:00:02Z,alice-pc.corp.lan,www.malware-c2.xyz\n";
        cli.run("activity", "import", write("q.csv", csv).toString(), "--identities", map.toString()).ok();
        JsonNode laptop = search("--identity", "roaming-computer:laptop-7");
        assertEquals(1, laptop.size());
        assertEquals("blocked", laptop.get(0).get("verdict").asText());
        assertEquals("Roaming", laptop.get(0).get("policy").asText());
        JsonNode alice = search("--identity", "alice");
        assertEquals("ad-user:alice", alice.get(0).get("identity").asText());
        assertEquals("allowed", alice.get(0).get("verdict").asText(), "no policy names alice: Default Policy, audit mode");
    }

    @Test
    void rpzRewriteZoneNamesThePolicyAndList() throws Exception {
        String log = "23-Nov-2026 10:00:02.456 rpz: info: client @0x7f3a 10.1.2.3#5353 (www.malware-c2.xyz): rpz QNAME NXDOMAIN rewrite "
                + "www.malware-c2.xyz/A/IN via *.malware-c2.xyz.threatq-destination-list.block.finance.rpz.parasol\n"
                + "23-Nov-2026 10:00:03.000 rpz: info: client @0x7f3a 10.0.0.5#5353 (phish.sample-corp.net): disabled rpz QNAME NXDOMAIN rewrite "
                + "phish.sample-corp.net/A/IN via phish.sample-corp.net.audit.default-policy.rpz.parasol\n";
        cli.run("activity", "import", write("rpz.log", log).toString()).ok();
        JsonNode all = search();
        JsonNode audit = all.get(0);
        assertEquals("allowed", audit.get("verdict").asText(), "a log-only zone does not block");
        assertEquals("Default Policy", audit.get("policy").asText());
        assertEquals("ThreatQ", audit.get("categories").get(0).asText());
        JsonNode blocked = all.get(1);
        assertEquals("blocked", blocked.get("verdict").asText());
        assertEquals("Finance", blocked.get("policy").asText());
        assertEquals("ThreatQ Destination List", blocked.get("matched").get("list").asText());
        assertEquals("malware-c2.xyz", blocked.get("matched").get("entry").asText());
    }

    @Test
    void searchFiltersCombine() throws Exception {
        cli.run("activity", "import", write("queries.log", BIND_LOG).toString()).ok();
        assertEquals(2, search("--category", "threatq").size());
        assertEquals(1, search("--category", "ThreatQ", "--verdict", "allowed").size());
        assertEquals(1, search("--domain", "example.org").size());
        assertEquals(2, search("--domain", "malware-c2.xyz").size());
        assertEquals(1, search("--domain", "tracker.example.org").size());
        assertEquals(0, search("--domain", "racker.example.org").size(), "suffix by labels, not characters");
        assertEquals(2, search("--identity", "network:10.0.0.0/8").size());
        assertEquals(2, search("--identity", "10.0.0.0/8").size());
        assertEquals(1, search("--identity", "10.1.0.0/16").size(), "shown as the most specific registered network");
        assertEquals(1, search("--policy", "Finance").size());
        assertEquals(2, search("--from", "2026-11-23T10:00:02Z", "--to", "2026-11-23T10:00:05Z").size());
        assertEquals(4, search("--from", "24h").size());
        assertEquals(0, search("--from", "1h").size());
        JsonNode page = search("--limit", "1", "--offset", "1");
        assertEquals(1, page.size());
        assertEquals("ads.tracker.example.org", page.get(0).get("domain").asText());

        String csv = cli.run("activity", "search", "--verdict", "blocked", "-o", "csv").ok().out();
        assertEquals("time,identity,client,domain,qtype,verdict,policy,categories,list,entry", csv.lines().findFirst().orElseThrow());
        assertEquals(3, csv.lines().count());
        String table = cli.run("activity", "search", "--category", "ThreatQ").ok().out();
        assertTrue(table.startsWith("TIME"), table);
        assertTrue(table.contains("www.malware-c2.xyz"), table);
    }

    @Test
    void disabledIntegrationsAreNoCategory() throws Exception {
        cli.run("activity", "import", write("queries.log", BIND_LOG).toString()).ok();
        cli.run("disable-integration", "threatq").ok();
        CommandResult r = cli.run("activity", "search", "--category", "ThreatQ").expect(3);
        assertTrue(r.err().contains("no category"), r.err());
        for (JsonNode record : search()) {
            assertEquals(0, record.get("categories").size(), record.toString());
        }
    }

    @Test
    void checkRecordKeepsItsDecisions() throws Exception {
        cli.run("check", "www.malware-c2.xyz", "--ip", "10.1.2.3", "--record").ok();
        cli.run("check", "www.malware-c2.xyz", "--identity", "roaming-computer:laptop-7").ok();
        cli.runWithInput("www.malware-c2.xyz\nwww.example.com\n", "check", "--file", "-", "--identity", "roaming-computer:laptop-7",
                "--record", "--summary-only").ok();
        JsonNode all = search();
        assertEquals(3, all.size(), "the check without --record is not kept: " + all);
        JsonNode single = search("--policy", "Finance").get(0);
        assertEquals("blocked", single.get("verdict").asText());
        assertEquals("10.1.2.3", single.get("client").asText());
        assertEquals("check", single.get("source").asText());
        assertEquals("2026-11-23T12:00:00Z", single.get("time").asText());
        assertEquals(2, search("--identity", "roaming-computer:laptop-7").size());
    }

    @Test
    void pruneDeletesOldActivityWithTheConfiguredDefault() throws Exception {
        String csv = "2026-11-22T12:00:00Z,10.0.0.5,a.example.com\n2026-10-01T00:00:00Z,10.0.0.5,b.example.com\n2026-06-01T00:00:00Z,10.0.0.5,c.example.com\n";
        cli.run("activity", "import", write("q.csv", csv).toString()).ok();
        assertTrue(cli.run("activity", "prune").ok().err().contains("1 activity record(s) older than 90d deleted"));
        assertEquals("90d", cli.run("config", "get", "activity-retention").ok().out().strip());
        cli.run("config", "set", "activity-retention", "forever").expect(2);
        cli.run("config", "set", "activity-retention", "30d").ok();
        assertTrue(cli.run("activity", "prune").ok().err().contains("1 activity record(s) older than 30d deleted"));
        assertEquals(1, search().size());
        cli.run("activity", "prune", "--older-than", "1h").ok();
        assertEquals(0, search().size());
        cli.run("activity", "prune", "--older-than", "0d").expect(2);
    }
}
