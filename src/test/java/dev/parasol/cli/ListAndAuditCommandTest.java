package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.CliTest;
import dev.parasol.support.CommandResult;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListAndAuditCommandTest extends CliTest {
    @BeforeEach
    void enableThreatq() {
        cli.run("enable-integration", "threatq").ok();
    }

    @Test
    void seeDomainsSearchesAndPages() throws Exception {
        String feed = IntStream.range(0, 250).mapToObj(i -> "host" + i + ".sample-corp.com").collect(Collectors.joining("\n"));
        cli.runWithInput(feed + "\nc2.other.net\n", "import", "threatq").ok();
        assertEquals(100, Json.mapper().readTree(cli.run("see-domains", "threatq", "-o", "json").ok().out()).size());
        assertEquals(51, Json.mapper().readTree(cli.run("see-domains", "threatq", "--page", "3", "-o", "json").ok().out()).size());
        assertEquals(251, Json.mapper().readTree(cli.run("see-domains", "threatq", "--all", "-o", "json").ok().out()).size());
        JsonNode found = Json.mapper().readTree(cli.run("see-domains", "threatq", "--search", "OTHER", "-o", "json").ok().out());
        assertEquals(1, found.size());
        assertEquals("c2.other.net", found.get(0).get("domain").asText());
        assertEquals(0, Json.mapper().readTree(cli.run("see-domains", "threatq", "--since", "2099-01-01", "-o", "json").ok().out()).size());
        CommandResult table = cli.run("see-domains", "threatq").ok();
        assertTrue(table.err().contains("1-100 of 251 (next: --page 2)"), table.err());
    }

    @Test
    void importCountsDuplicatesAndRepeatsSeparately() throws Exception {
        cli.runWithInput("a.sample-corp.com\n", "import", "threatq").ok();
        JsonNode r = Json.mapper().readTree(cli.runWithInput("a.sample-corp.com\nb.sample-corp.com\nB.sample-corp.com.\n", "import", "threatq", "-o", "json").ok().out());
        assertEquals(1, r.get("added").asInt());
        assertEquals(1, r.get("refreshed").asInt());
        assertEquals(1, r.get("duplicates").asInt());
        assertEquals(0, r.get("rejected").asInt());
    }

    @Test
    void allowAndBlockAddListAndRemove() throws Exception {
        cli.run("allow", "Good.Sample-Corp.COM.", "--comment", "vendor portal").ok();
        cli.run("allow", "good.sample-corp.com").ok();
        JsonNode entries = Json.mapper().readTree(cli.run("allow", "list", "-o", "json").ok().out());
        assertEquals(1, entries.size());
        assertEquals("good.sample-corp.com", entries.get(0).get("domain").asText());
        assertEquals("vendor portal", entries.get(0).get("comment").asText());
        assertEquals("alice", entries.get(0).get("addedBy").asText());
        cli.run("block", "bad.sample-corp.com", "--as", "bob").ok();
        assertEquals("bob", Json.mapper().readTree(cli.run("block", "list", "-o", "json").ok().out()).get(0).get("addedBy").asText());
        cli.run("allow", "remove", "good.sample-corp.com").ok();
        cli.run("allow", "remove", "good.sample-corp.com").expect(3);
        assertEquals(0, Json.mapper().readTree(cli.run("allow", "list", "-o", "json").ok().out()).size());
    }

    @Test
    void auditCsvUsesUmbrellasColumnsAndFiltersCombine() throws Exception {
        cli.run("allow", "x.sample-corp.com", "--as", "bob@sample-corp.com").ok();
        cli.run("allow", "remove", "x.sample-corp.com", "--as", "bob@sample-corp.com").ok();
        String csv = cli.run("audit", "search", "--user", "BOB@sample-corp.com", "-o", "csv").ok().out();
        String[] lines = csv.split("\n");
        assertEquals("\"ID\",\"Time\",\"Email\",\"User\",\"Type\",\"Action\",\"Logged in from\",\"Before\",\"After\"", lines[0]);
        assertEquals(3, lines.length);
        assertTrue(lines[1].contains("\"bob@sample-corp.com\",\"bob@sample-corp.com\",\"destination-list-entry\",\"delete\",\"cli\""), lines[1]);
        JsonNode creates = Json.mapper().readTree(cli.run("audit", "search", "--user", "bob@sample-corp.com", "--action", "create",
                "--type", "destination-list-entry", "--object", "x.sample-corp", "--from", "1h", "-o", "json").ok().out());
        assertEquals(1, creates.size());
        assertEquals("x.sample-corp.com", creates.get(0).get("after").get("domain").asText());
        assertEquals(0, Json.mapper().readTree(cli.run("audit", "search", "--to", "2000-01-01", "-o", "json").ok().out()).size());
    }

    @Test
    void auditNeverRecordsTheCustomerKey() {
        String url = cli.run("enable-integration", "threatq", "--rotate-key").ok().out().strip();
        String key = url.substring(url.indexOf("customerKey=") + "customerKey=".length());
        String audit = cli.run("audit", "search", "--type", "integration", "-o", "json").ok().out();
        assertTrue(audit.contains("customerKeyRotated"), audit);
        assertTrue(!audit.contains(key), "customer key leaked into the audit log");
    }

    @Test
    void rotatingTheKeyChangesTheUrlAndReEnablingKeepsIt() {
        String first = cli.run("enable-integration", "threatq").ok().out().strip();
        cli.run("disable-integration", "threatq").ok();
        assertEquals(first, cli.run("enable-integration", "threatq").ok().out().strip());
        String rotated = cli.run("enable-integration", "threatq", "--rotate-key").ok().out().strip();
        assertTrue(!rotated.equals(first));
    }

    @Test
    void namedProvidersGetTheirOwnListAccountAndCategory() throws Exception {
        cli.run("enable-integration", "misp", "--display-name", "MISP").ok();
        cli.runWithInput("dropper.sample-corp.org\n", "import", "misp").ok();
        JsonNode d = Json.mapper().readTree(cli.run("check", "dropper.sample-corp.org", "-o", "json").ok().out());
        assertEquals("MISP", d.get("categories").get(0).asText());
        assertEquals(1, Json.mapper().readTree(cli.run("audit", "search", "--user", "MISP Account", "-o", "json").ok().out()).size());
        cli.run("disable-integration", "misp").ok();
        JsonNode after = Json.mapper().readTree(cli.run("check", "dropper.sample-corp.org", "-o", "json").ok().out());
        assertEquals(0, after.get("categories").size(), "a disabled integration leaves decisions");
        assertEquals(1, Json.mapper().readTree(cli.run("see-domains", "misp", "-o", "json").ok().out()).size(), "its list is kept");
    }

    @Test
    void baseUrlIsConfigurable() {
        cli.run("config", "set", "public-base-url", "https://parasol.sample-corp.com/").ok();
        assertTrue(cli.run("enable-integration", "threatq").ok().out().startsWith("https://parasol.sample-corp.com/1.0/events?customerKey="));
        cli.run("config", "set", "public-base-url", "ftp://nope").expect(2);
    }
}
