package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parasol.support.ActivityFixture;
import dev.parasol.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] RANGE = {"--from", "2026-11-20", "--to", "2026-11-23T12:00:00Z"};

    @TempDir
    Path home;
    Cli cli;

    @BeforeEach
    void activity() throws Exception {
        cli = new Cli(home, Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
        ActivityFixture.policies(ActivityFixture.Runner.of(cli));
        cli.run("activity", "import", ActivityFixture.log(home).toString()).ok();
    }

    @AfterEach
    void close() {
        cli.close();
    }

    private String[] args(String... extra) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("report"));
        all.addAll(java.util.List.of(RANGE));
        all.addAll(java.util.List.of(extra));
        return all.toArray(String[]::new);
    }

    private JsonNode json(String... extra) throws Exception {
        String[] withJson = java.util.Arrays.copyOf(extra, extra.length + 2);
        withJson[extra.length] = "-o";
        withJson[extra.length + 1] = "json";
        return JSON.readTree(cli.run(args(withJson)).ok().out());
    }

    @Test
    void totalsTopListsAndPerDaySeries() throws Exception {
        JsonNode r = json();
        assertEquals(9, r.get("totals").get("requests").asLong());
        assertEquals(4, r.get("totals").get("blocked").asLong());
        assertEquals(3, r.get("totals").get("identities").asLong());
        assertEquals("ads.tracker.example.org", r.get("topBlockedDomains").get(0).get("domain").asText());
        assertEquals(3, r.get("topBlockedDomains").get(0).get("requests").asLong());
        assertEquals("www.malware-c2.xyz", r.get("topBlockedDomains").get(1).get("domain").asText());
        JsonNode first = r.get("topIdentities").get(0);
        assertEquals("network:10.0.0.0/8", first.get("identity").asText());
        assertEquals(7, first.get("requests").asLong());
        assertEquals(3, first.get("blocked").asLong());
        assertEquals(4, r.get("perDay").size(), "every day of the range, quiet ones too");
        assertEquals("2026-11-20", r.get("perDay").get(0).get("day").asText());
        assertEquals(0, r.get("perDay").get(0).get("requests").asLong());
        assertEquals(5, r.get("perDay").get(2).get("requests").asLong());
        assertEquals(3, r.get("categoryHitsPerDay").get("ThreatQ").get("2026-11-21").asLong(), "audit-mode and enforced hits");
        assertEquals(1, r.get("categoryHitsPerDay").get("ThreatQ").get("2026-11-22").asLong());
        assertTrue(r.get("preview").isNull());
    }

    @Test
    void tableShowsBarsAndSparklinesWithoutColourCodes() {
        String out = cli.run(args()).ok().out();
        assertTrue(out.contains("9 requests, 4 blocked (44.4%), 3 identities"), out);
        // Requests per day 0, 3, 5, 1 (max 5); blocked 0, 1, 3, 0; ThreatQ 0, 3, 1, 0.
        assertTrue(out.contains("Per day, 2026-11-20 .. 2026-11-23:\n  requests  | ▅█▂|  max 5/day\n  blocked   | ▃█ |  max 3/day\n"), out);
        assertTrue(out.contains("ThreatQ   4     | █▃ |"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("ads.tracker.example.org") && l.endsWith("█".repeat(30))), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("www.malware-c2.xyz") && l.endsWith("█".repeat(10))), out);
        assertFalse(out.contains("\u001b["), "no raw escape codes when not on a terminal");
    }

    @Test
    void previewShowsWhatEnforcingWouldHaveBlocked() throws Exception {
        JsonNode p = json("--preview-integration", "ThreatQ", "--policy", "default policy").get("preview");
        assertEquals("threatq", p.get("integration").asText());
        assertEquals("Default Policy", p.get("policy").asText());
        assertFalse(p.get("alreadyEnforced").asBoolean());
        assertEquals(5, p.get("allowedRequests").asLong(), "the Default Policy allowed 5 requests");
        assertEquals(3, p.get("wouldBlock").asLong());
        assertEquals(2, p.get("identities").size());
        assertEquals("network:10.0.0.0/8", p.get("identities").get(0).get("identity").asText());
        assertEquals(2, p.get("identities").get(0).get("requests").asLong());
        assertEquals("network:192.168.1.20/32", p.get("identities").get(1).get("identity").asText());
        JsonNode example = p.get("examples").get(0);
        assertEquals("2026-11-21T08:00:00Z", example.get("time").asText());
        assertEquals("ThreatQ Destination List", example.get("list").asText());
        assertEquals("malware-c2.xyz", example.get("entry").asText());

        String table = cli.run(args("--preview-integration", "threatq", "--policy", "Default Policy")).ok().out();
        assertTrue(table.contains("3 of 5 allowed requests would have been blocked (60.0%), from 2 identities"), table);
        assertTrue(table.contains("phish.sample-corp.net"), table);
    }

    @Test
    void previewLeavesOtherPoliciesAndTheStoreAlone() throws Exception {
        cli.run("policy", "set", "Lab", "--identity", "network:192.168.0.0/16", "--security-setting", "Default Settings").ok();
        json("--preview-integration", "threatq", "--policy", "Default Policy");
        String check = cli.run("check", "www.malware-c2.xyz", "-o", "json").ok().out();
        assertTrue(check.contains("\"allowed\""), "the what-if changed nothing stored: " + check);
        JsonNode finance = json("--preview-integration", "threatq", "--policy", "Finance").get("preview");
        assertTrue(finance.get("alreadyEnforced").asBoolean());
        assertEquals(0, finance.get("wouldBlock").asLong());
    }

    @Test
    void previewErrors() {
        cli.run(args("--preview-integration", "threatq")).expect(2);
        assertTrue(cli.run(args("--preview-integration", "threatqq", "--policy", "Finance")).expect(3).err().contains("did you mean 'threatq'"));
        cli.run(args("--preview-integration", "threatq", "--policy", "Nope")).expect(3);
        cli.run(args("--preview-integration", "threatconnect", "--policy", "Finance")).expect(5);
    }

    @Test
    void csvIsOneRowPerFact() {
        String csv = cli.run(args("-o", "csv")).ok().out();
        assertEquals("section,name,day,requests,blocked", csv.lines().findFirst().orElseThrow());
        assertTrue(csv.contains("totals,,,9,4"), csv);
        assertTrue(csv.contains("day,,2026-11-22,5,3"), csv);
        assertTrue(csv.contains("category-day,ThreatQ,2026-11-21,3,0"), csv);
    }

    @Test
    void htmlPageIsSelfContained() throws Exception {
        Path page = home.resolve("report.html");
        cli.run(args("--html", page.toString(), "--preview-integration", "threatq", "--policy", "Default Policy")).ok();
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<b id=\"total-requests\">9</b>"), html);
        assertTrue(html.contains("<b id=\"would-block\">3</b>"), html);
        assertFalse(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").matches("(?s).*(https?:|src=|<link|<script).*"),
                "nothing fetched from anywhere: " + html);
        assertEquals(4, html.split("<rect class=\"day-requests\"", -1).length - 1, "one column per day");
    }

    @Test
    void htmlEscapesNames() throws Exception {
        cli.run("policy", "set", "<b>R&D</b>", "--identity", "network:10.9.0.0/16").ok();
        Files.writeString(home.resolve("more.csv"), "2026-11-22T10:00:00Z,10.9.0.1,www.malware-c2.xyz\n");
        cli.run("activity", "import", home.resolve("more.csv").toString()).ok();
        Path page = home.resolve("report.html");
        cli.run(args("--html", page.toString(), "--preview-integration", "threatq", "--policy", "<b>R&D</b>")).ok();
        String html = Files.readString(page);
        assertTrue(html.contains("&lt;b&gt;R&amp;D&lt;/b&gt;"), html);
        assertFalse(html.contains("<b>R&D</b>"), html);
    }
}
