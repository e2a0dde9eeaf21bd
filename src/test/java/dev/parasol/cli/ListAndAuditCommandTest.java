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
        String feed = IntStream.range(0, 250).mapToObj(i -> "host" + i + ".example.com").collect(Collectors.joining("\n"));
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
        cli.runWithInput("a.example.com\n", "import", "threatq").ok();
        JsonNode r = Json.mapper().readTree(cli.runWithInput("a.example.com\nb.example.com\nB.example.com.\n", "import", "threatq", "-o", "json").ok().out());
        assertEquals(1, r.get("added").asInt());
        assertEquals(1, r.get("alreadyPresent").asInt());
        assertEquals(1, r.get("duplicates").asInt());
        assertEquals(0, r.get("rejected").asInt());
    }

    @Test
    void allowAndBlockAddListAndRemove() throws Exception {
        cli.run("allow", "Good.Example.COM.", "--comment", "vendor portal").ok();
        cli.run("allow", "good.example.com").ok();
        JsonNode entries = Json.mapper().readTree(cli.run("allow", "list", "-o", "json").ok().out());
        assertEquals(1, entries.size());
        assertEquals("good.example.com", entries.get(0).get("domain").asText());
        assertEquals("vendor portal", entries.get(0).get("comment").asText());
        assertEquals("alice", entries.get(0).get("addedBy").asText());
        cli.run("block", "bad.example.com", "--as", "bob").ok();
        assertEquals("bob", Json.mapper().readTree(cli.run("block", "list", "-o", "json").ok().out()).get(0).get("addedBy").asText());
        cli.run("allow", "remove", "good.example.com").ok();
        cli.run("allow", "remove", "good.example.com").expect(3);
        assertEquals(0, Json.mapper().readTree(cli.run("allow", "list", "-o", "json").ok().out()).size());
    }

    @Test
    void auditCsvUsesUmbrellasColumnsAndFiltersCombine() throws Exception {
        cli.run("allow", "x.example.com", "--as", "bob@example.com").ok();
        cli.run("allow", "remove", "x.example.com", "--as", "bob@example.com").ok();
        String csv = cli.run("audit", "search", "--user", "BOB@example.com", "-o", "csv").ok().out();
        String[] lines = csv.split("\n");
        assertEquals("\"ID\",\"Time\",\"Email\",\"User\",\"Type\",\"Action\",\"Logged in from\",\"Before\",\"After\"", lines[0]);
        assertEquals(3, lines.length);
        assertTrue(lines[1].contains("\"bob@example.com\",\"bob@example.com\",\"destination-list-entry\",\"delete\",\"cli\""), lines[1]);
        JsonNode creates = Json.mapper().readTree(cli.run("audit", "search", "--user", "bob@example.com", "--action", "create",
                "--type", "destination-list-entry", "--object", "x.example", "--from", "1h", "-o", "json").ok().out());
        assertEquals(1, creates.size());
        assertEquals("x.example.com", creates.get(0).get("after").get("domain").asText());
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
        cli.runWithInput("dropper.example.org\n", "import", "misp").ok();
        JsonNode d = Json.mapper().readTree(cli.run("check", "dropper.example.org", "-o", "json").ok().out());
        assertEquals("MISP", d.get("categories").get(0).asText());
        assertEquals(1, Json.mapper().readTree(cli.run("audit", "search", "--user", "MISP Account", "-o", "json").ok().out()).size());
        cli.run("disable-integration", "misp").ok();
        JsonNode after = Json.mapper().readTree(cli.run("check", "dropper.example.org", "-o", "json").ok().out());
        assertEquals(0, after.get("categories").size(), "a disabled integration leaves decisions");
        assertEquals(1, Json.mapper().readTree(cli.run("see-domains", "misp", "-o", "json").ok().out()).size(), "its list is kept");
    }

    @Test
    void baseUrlIsConfigurable() {
        cli.run("config", "set", "public-base-url", "https://parasol.example.com/").ok();
        assertTrue(cli.run("enable-integration", "threatq").ok().out().startsWith("https://parasol.example.com/1.0/events?customerKey="));
        cli.run("config", "set", "public-base-url", "ftp://nope").expect(2);
    }
}
