package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.CliTest;
import dev.parasol.support.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The ThreatQ integration guide's workflow, command by command, in-process. */
class WalkthroughCommandTest extends CliTest {
    static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void threatqGuideEndToEnd() throws Exception {
        String url = cli.run("enable-integration", "threatq").ok().out().strip();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:8614/1\\.0/events\\?customerKey=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), url);

        Path domains = home.resolve("domains.txt");
        Files.writeString(domains, "# ThreatQ export\nwww.malware-c2.xyz\nmalware-c2.xyz\nphish.sample-corp.net\n");
        cli.run("import", "threatq", domains.toString()).ok();

        JsonNode seen = json(cli.run("see-domains", "threatq", "-o", "json").ok().out());
        assertEquals(3, seen.size());
        for (JsonNode entry : seen) {
            assertEquals("ThreatQ Account", entry.get("addedBy").asText());
            assertTrue(entry.hasNonNull("addedAt"));
        }

        JsonNode audit = json(cli.run("check", "www.malware-c2.xyz", "-o", "json").ok().out());
        assertEquals("allowed", audit.get("verdict").asText());
        assertEquals("ThreatQ", audit.get("categories").get(0).asText());
        assertTrue(audit.get("matched").isNull());

        cli.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        cli.run("policy", "set", "Roaming", "--identity", "roaming-computer:laptop-7", "--security-setting", "Strict").ok();
        JsonNode blocked = json(cli.run("check", "www.malware-c2.xyz", "--identity", "roaming-computer:laptop-7", "-o", "json").ok().out());
        assertEquals("blocked", blocked.get("verdict").asText());
        assertEquals("Roaming", blocked.get("policy").asText());
        assertEquals("ThreatQ Destination List", blocked.get("matched").get("list").asText());
        assertEquals("www.malware-c2.xyz", blocked.get("matched").get("entry").asText());

        cli.run("allow", "malware-c2.xyz", "--comment", "false positive, ticket 42").ok();
        JsonNode allowed = json(cli.run("check", "www.malware-c2.xyz", "--identity", "roaming-computer:laptop-7", "-o", "json").ok().out());
        assertEquals("allowed", allowed.get("verdict").asText());
        assertEquals("Global Allow List", allowed.get("matched").get("list").asText());
        assertEquals("malware-c2.xyz", allowed.get("matched").get("entry").asText());

        cli.run("delete-domain", "threatq", "malware-c2.xyz").ok();
        assertFalse(cli.run("see-domains", "threatq").ok().out().contains(" malware-c2.xyz"));

        JsonNode byThreatq = json(cli.run("audit", "search", "--user", "ThreatQ Account", "-o", "json").ok().out());
        assertEquals(1, byThreatq.size());
        assertEquals("update", byThreatq.get(0).get("action").asText());
        assertEquals("destination-list", byThreatq.get(0).get("type").asText());
        assertEquals("ThreatQ Destination List", byThreatq.get(0).get("object").asText());
        assertEquals(3, byThreatq.get(0).get("after").get("added").asInt());

        JsonNode deletions = json(cli.run("audit", "search", "--action", "delete", "-o", "json").ok().out());
        assertEquals("alice", deletions.get(0).get("user").asText());
        assertEquals("ThreatQ Destination List: malware-c2.xyz", deletions.get(0).get("object").asText());
        assertEquals("ThreatQ Account", deletions.get(0).get("before").get("addedBy").asText());
    }

    @Test
    void deletedDomainComesBackWhenTheFeedSendsItAgain() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        cli.runWithInput("evil.sample-corp.com\n", "import", "threatq", "-").ok();
        cli.run("delete-domain", "threatq", "evil.sample-corp.com").ok();
        assertEquals(0, json(cli.run("see-domains", "threatq", "-o", "json").ok().out()).size());
        cli.runWithInput("evil.sample-corp.com\n", "import", "threatq", "-").ok();
        assertEquals("evil.sample-corp.com", json(cli.run("see-domains", "threatq", "-o", "json").ok().out()).get(0).get("domain").asText());
    }

    @Test
    void integrationsJsonHasTheDocumentedShape() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        cli.runWithInput("a.sample-corp.com\nb.sample-corp.com\n", "import", "threatq").ok();
        JsonNode all = json(cli.run("integrations", "-o", "json").ok().out());
        JsonNode threatq = null;
        for (JsonNode i : all) {
            if (i.get("name").asText().equals("threatq")) {
                threatq = i;
            }
        }
        assertTrue(threatq != null);
        assertTrue(threatq.get("enabled").asBoolean());
        assertTrue(threatq.get("url").asText().contains("customerKey="));
        assertEquals(2, threatq.get("domains").asInt());
        assertEquals("audit", threatq.get("mode").asText());
        cli.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        cli.run("policy", "set", "Default Policy", "--security-setting", "Strict").ok();
        assertTrue(cli.run("integrations").ok().out().contains("enforced"));
    }
}
