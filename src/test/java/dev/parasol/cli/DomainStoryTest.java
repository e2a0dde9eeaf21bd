package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.intake.EventRequest;
import dev.parasol.service.Actor;
import dev.parasol.support.CliTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `audit search --object NAME`: every record that touched the exact name, however deep in its import. */
class DomainStoryTest extends CliTest {

    private JsonNode search(String object) throws Exception {
        return Json.mapper().readTree(cli.run("audit", "search", "--object", object, "-o", "json").ok().out());
    }

    private static List<String> actions(JsonNode records) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add(r.get("action").asText() + " " + r.get("type").asText() + " " + r.get("object").asText()));
        return out;
    }

    @Test
    void theNineteenThousandthNameOfAnImportHasItsWholeStory() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        StringBuilder feed = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) {
            feed.append("host-").append(i).append(".story-sample.net\n");
        }
        Path file = home.resolve("threatq-export.txt");
        Files.writeString(file, feed);
        cli.run("import", "threatq", file.toString()).ok();
        String deep = "host-19000.story-sample.net";

        JsonNode found = search(deep);
        assertEquals(1, found.size(), found.toString());
        JsonNode imported = found.get(0);
        assertEquals("ThreatQ Account", imported.get("user").asText());
        assertEquals("destination-list", imported.get("type").asText());
        assertEquals(file.toString(), imported.get("source").asText(), "the import's file is its source");
        assertEquals("cli", imported.get("origin").asText());
        assertEquals(20_000, imported.get("after").get("added").asInt());
        assertTrue(imported.has("time"));

        // Names the import did not hold find nothing; a name is matched whole, not as a substring of another.
        assertEquals(0, search("host-20001.story-sample.net").size());
        assertEquals(0, search("st-19000.story-sample.net").size());
        assertEquals(1, search("HOST-19000.Story-Sample.NET.").size(), "spelled as an admin might");

        // Its life goes on: deleted, sent again (re-added), allowed; each record is found, newest first.
        cli.run("delete-domain", "threatq", deep).ok();
        cli.runWithInput(deep + "\n", "import", "threatq").ok();
        cli.run("allow", deep).ok();
        List<String> story = actions(search(deep));
        assertEquals(List.of(
                "create destination-list-entry Global Allow List: " + deep,
                "update destination-list ThreatQ Destination List",
                "create destination-list-entry ThreatQ Destination List: " + deep + " (re-added)",
                "delete destination-list-entry ThreatQ Destination List: " + deep,
                "update destination-list ThreatQ Destination List"), story);
        assertEquals("<stdin>", search(deep).get(1).get("source").asText(), "the second import read standard input");

        // A substring still matches object names as before.
        assertEquals(3, search("story-sample").size(), "the delete, the re-add and the allow name it; the imports do not");
    }

    @Test
    void aReceiverRequestIsFoundByItsRequestId() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        String json = "[{\"dstDomain\":\"c2.receiver-story.xyz\",\"deviceId\":\"d\",\"deviceVersion\":\"1\",\"eventTime\":"
                + "\"2026-12-01T10:00:00Z\",\"alertTime\":\"2026-12-01T10:00:00Z\",\"dstUrl\":\"http://c2.receiver-story.xyz/x\","
                + "\"protocolVersion\":\"1.0a\",\"providerName\":\"Security Platform\"}]";
        List<EventRequest.Outcome> outcomes = cli.context().imports().receiveEvents(new Actor("ThreatQ Account", Actor.HTTP), "threatq",
                List.of(EventRequest.parse(json.getBytes(StandardCharsets.UTF_8))));
        JsonNode found = search("c2.receiver-story.xyz");
        assertEquals(1, found.size(), found.toString());
        assertEquals("http request " + outcomes.get(0).requestId(), found.get(0).get("source").asText());
        assertEquals("http", found.get(0).get("origin").asText());
    }
}
