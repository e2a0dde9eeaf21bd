package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.parasol.Json;
import dev.parasol.support.CliTest;
import dev.parasol.support.CommandResult;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The intake pipeline through `parasol import`: formats, validation, provenance, rejections, URLs. */
class ImportPipelineTest extends CliTest {

    @BeforeEach
    void enable() {
        cli.run("enable-integration", "threatq").ok();
    }

    private JsonNode json(CommandResult r) throws Exception {
        return Json.mapper().readTree(r.out());
    }

    @Test
    void detectsTheFormatAndCountsRejectionsByReason() throws Exception {
        Path csv = home.resolve("tc.csv");
        Files.writeString(csv, "Type,Value,Rating,Confidence\nHost,c2.bad.xyz,3,80\nAddress,10.1.2.3,2,50\nHost,google.com,1,1\nURL,http://dl.bad.xyz/a.exe,1,1\n");
        JsonNode r = json(cli.run("import", "threatq", csv.toString(), "-o", "json").expect(4));
        assertEquals("csv", r.get("format").asText());
        assertEquals(2, r.get("added").asInt());
        assertEquals(1, r.get("rejectedByReason").get("popular-domain safeguard").asInt());
        assertEquals(1, r.get("rejectedByReason").get("skipped by type").asInt());
        JsonNode rejected = json(cli.run("rejected", "threatq", "-o", "json").ok());
        assertEquals(2, rejected.size());
        JsonNode safeguard = json(cli.run("rejected", "threatq", "--reason", "popular", "-o", "json").ok());
        assertEquals("google.com", safeguard.get(0).get("value").asText());
        assertEquals(4, safeguard.get(0).get("line").asInt());
        assertEquals(csv.toString(), safeguard.get(0).get("source").asText());
    }

    @Test
    void dryRunStoresNothing() throws Exception {
        JsonNode r = json(cli.runWithInput("a.bad.xyz\nb.bad.xyz\n", "import", "threatq", "-", "--dry-run", "-o", "json").ok());
        assertEquals(2, r.get("added").asInt());
        assertTrue(r.get("dryRun").asBoolean());
        assertEquals(0, json(cli.run("see-domains", "threatq", "-o", "json").ok()).size());
        assertEquals(0, json(cli.run("audit", "search", "--user", "ThreatQ Account", "-o", "json").ok()).size());
    }

    @Test
    void aSourceNameWithTabsAndBackslashesIsStoredExactly() throws Exception {
        // PostgreSQL stores imports through COPY's text format, where these characters are syntax.
        Path feed = home.resolve("feed\twith\\back\\slashes.txt");
        Files.writeString(feed, "a.bad.xyz\nb.bad.xyz\n");
        cli.run("import", "threatq", feed.toString()).ok();
        JsonNode entries = json(cli.run("see-domains", "threatq", "-o", "json").ok());
        assertEquals(2, entries.size());
        for (JsonNode e : entries) {
            assertEquals(feed.toString(), e.get("lastSource").asText());
            assertEquals("ThreatQ Account", e.get("addedBy").asText());
        }
    }

    @Test
    void reSentNamesRefreshProvenanceAndDeletedOnesAreAuditedAsReAdded() throws Exception {
        cli.runWithInput("a.bad.xyz\nb.bad.xyz\n", "import", "threatq", "-").ok();
        cli.run("delete-domain", "threatq", "b.bad.xyz").ok();
        JsonNode r = json(cli.runWithInput("a.bad.xyz\nb.bad.xyz\n", "import", "threatq", "-", "-o", "json").ok());
        assertEquals(1, r.get("refreshed").asInt());
        assertEquals(1, r.get("added").asInt());
        assertEquals(1, r.get("reAdded").asInt());
        JsonNode entries = json(cli.run("see-domains", "threatq", "--search", "a.bad", "-o", "json").ok());
        assertEquals(2, entries.get(0).get("timesSeen").asInt());
        assertEquals("<stdin>", entries.get(0).get("lastSource").asText());
        JsonNode readded = json(cli.run("audit", "search", "--object", "(re-added)", "-o", "json").ok());
        assertEquals("ThreatQ Account", readded.get(0).get("user").asText());
        assertEquals("ThreatQ Destination List: b.bad.xyz (re-added)", readded.get(0).get("object").asText());
    }

    @Test
    void allowListedEntriesAreKeptButShownAsOverridden() throws Exception {
        cli.runWithInput("cdn.partner.xyz\n", "import", "threatq", "-").ok();
        cli.run("allow", "partner.xyz").ok();
        JsonNode entries = json(cli.run("see-domains", "threatq", "-o", "json").ok());
        assertEquals("Global Allow List (partner.xyz)", entries.get(0).get("overriddenBy").asText());
    }

    @Test
    void loadedSafeguardsProtectTheirNamesUnlessDisabled() throws Exception {
        Path tranco = home.resolve("top-1m.csv");
        Files.writeString(tranco, "1,intranet-portal.xyz\n2,vendor-cdn.xyz\n");
        cli.run("safeguard", "import", tranco.toString()).ok();
        cli.runWithInput("sso.intranet-portal.xyz\n", "import", "threatq", "-").expect(4);
        cli.runWithInput("sso.intranet-portal.xyz\n", "import", "threatq", "-", "--disable-safeguards").ok();
        Path warninglist = home.resolve("list.json");
        Files.writeString(warninglist, "{\"name\":\"x\",\"list\":[\"other-portal.xyz\",\".dotted.xyz\"]}");
        cli.run("safeguard", "import", warninglist.toString()).ok();
        cli.runWithInput("other-portal.xyz\nwww.dotted.xyz\n", "import", "threatq", "-").expect(4);
    }

    @Test
    void gzipInputIsReadTransparently() throws Exception {
        Path gz = home.resolve("feed.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("||a.bad.xyz^\n||b.bad.xyz^\n".getBytes(StandardCharsets.UTF_8));
        }
        JsonNode r = json(cli.run("import", "threatq", gz.toString(), "-o", "json").ok());
        assertEquals("adblock", r.get("format").asText());
        assertEquals(2, r.get("added").asInt());
    }

    @Test
    void aBinaryFileIsRefusedWholeEvenInsideGzipUnlessTheFormatIsForced() throws Exception {
        byte[] noise = new byte[2 * 1024 * 1024];
        new java.util.Random(42).nextBytes(noise);
        Path bin = home.resolve("feed.dat");
        Files.write(bin, noise);
        int auditBefore = json(cli.run("audit", "search", "-o", "json").ok()).size();
        CommandResult r = cli.run("import", "threatq", bin.toString()).expect(4);
        assertTrue(r.err().contains("feed.dat: not text") && r.err().contains("nothing imported"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Path zip = home.resolve("export.txt");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 'a', 'b', 'c'});
        assertTrue(cli.run("import", "threatq", zip.toString()).expect(4).err().contains("ZIP"));
        Path gz = home.resolve("feed.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(noise);
        }
        assertTrue(cli.run("import", "threatq", gz.toString()).expect(4).err().contains("not text"));
        assertEquals(0, json(cli.run("see-domains", "threatq", "-o", "json").ok()).size());
        assertEquals(auditBefore, json(cli.run("audit", "search", "-o", "json").ok()).size());
        // --format reads it anyway: the file is then read as asked, not refused.
        CommandResult forced = cli.run("import", "threatq", zip.toString(), "--format", "plain");
        assertTrue(!forced.err().contains("not text"), forced.err());
    }

    @Test
    void urlFeedsAreFetchedAndAnUnchangedFeedIsNotProcessedAgain() throws Exception {
        AtomicInteger fullResponses = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed.txt", exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                fullResponses.incrementAndGet();
                byte[] body = "a.bad.xyz\nb.bad.xyz\n".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("ETag", "\"v1\"");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.txt?apikey=secret";
            JsonNode first = json(cli.run("import", "threatq", url, "-o", "json").ok());
            assertEquals(2, first.get("added").asInt());
            assertTrue(!first.get("source").asText().contains("secret"), "query strings (keys) are not shown");
            CommandResult second = cli.run("import", "threatq", url).ok();
            assertTrue(second.err().contains("not changed since the last import"), second.err());
            assertEquals(1, fullResponses.get());
            cli.run("import", "threatq", url, "--force").ok();
            assertEquals(2, fullResponses.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void mispWithEveryAttributeNotForDetectionWarns() {
        CommandResult r = cli.runWithInput("{\"Event\":{\"Attribute\":[{\"type\":\"domain\",\"value\":\"a.bad.xyz\",\"to_ids\":false}]}}",
                "import", "threatq", "-").ok();
        assertTrue(r.err().contains("to_ids=false"), r.err());
        cli.runWithInput("{\"Event\":{\"Attribute\":[{\"type\":\"domain\",\"value\":\"a.bad.xyz\",\"to_ids\":false}]}}",
                "import", "threatq", "-", "--ignore-to-ids").ok();
    }

    @Test
    void quietPrintsNothingOnStderr() {
        CommandResult r = cli.runWithInput("a.bad.xyz\nbad..xyz\n", "import", "threatq", "-", "--quiet").expect(4);
        assertEquals("", r.err());
    }
}
