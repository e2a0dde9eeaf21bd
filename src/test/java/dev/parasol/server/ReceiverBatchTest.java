package dev.parasol.server;

import static dev.parasol.server.RunningReceiver.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.CliTest;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Umbrella's batch semantics: a malformed request is refused whole (400, nothing stored); a
 * well-formed one is accepted (202) and each event's domain judged afterwards by the same intake
 * as `import`, so a refused domain never costs the rest of the batch.
 */
class ReceiverBatchTest extends CliTest {
    RunningReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new RunningReceiver(cli, new ReceiverServer.Settings("127.0.0.1", 0, 1 << 20, 4, 0));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Set<String> listed() throws Exception {
        Set<String> names = new TreeSet<>();
        for (JsonNode d : Json.mapper().readTree(cli.run("see-domains", "threatq", "--all", "-o", "json").ok().out())) {
            names.add(d.get("domain").asText());
        }
        return names;
    }

    private JsonNode rejected() throws Exception {
        return Json.mapper().readTree(cli.run("rejected", "threatq", "-o", "json").ok().out());
    }

    @Test
    void aBuiltInPopularDomainInABatchIsRefusedAloneAndKeptWithItsReason() throws Exception {
        var reply = receiver.post("[" + event("a.bad.xyz") + "," + event("www.google.com") + "," + event("b.bad.xyz") + "]");
        assertEquals(202, reply.status(), reply.body());
        assertEquals(Set.of("a.bad.xyz", "b.bad.xyz"), listed());
        JsonNode r = rejected();
        assertEquals(1, r.size());
        assertEquals("www.google.com", r.get(0).get("value").asText());
        assertTrue(r.get(0).get("reason").asText().startsWith("popular-domain safeguard"), r.toString());
        assertEquals(2, r.get(0).get("line").asInt(), "the line of a refused event is its place in the request");
        JsonNode events = Json.mapper().readTree(cli.run("events", "threatq", "-o", "json").ok().out());
        assertEquals(3, events.size());
        int refused = 0;
        for (JsonNode e : events) {
            assertEquals(reply.json().get("id").asText(), e.get("requestId").asText());
            if (e.get("event").get("dstDomain").asText().equals("www.google.com")) {
                assertTrue(e.get("refused").asText().startsWith("popular-domain safeguard"), e.toString());
                refused++;
            } else {
                assertTrue(e.get("refused").isNull(), e.toString());
            }
        }
        assertEquals(1, refused);
        assertTrue(cli.run("events", "threatq").ok().out().contains("popular-domain safeguard"), "the table shows it too");
    }

    @Test
    void anImportedSafeguardIsHonouredByTheReceiverAsByImport() throws Exception {
        cli.runWithInput("popular-shop.xyz\n", "safeguard", "import", "-").ok();
        var reply = receiver.post("[" + event("cdn.popular-shop.xyz") + "," + event("c.bad.xyz") + "]");
        assertEquals(202, reply.status(), reply.body());
        assertEquals(Set.of("c.bad.xyz"), listed());
        JsonNode r = rejected();
        assertEquals(1, r.size());
        assertEquals("popular-domain safeguard (popular-shop.xyz)", r.get(0).get("reason").asText());
        // The same name through import meets the same rule.
        cli.runWithInput("cdn.popular-shop.xyz\n", "import", "threatq").expect(4);
        assertEquals(Set.of("c.bad.xyz"), listed());
    }

    @Test
    void reservedNamesAndBarePublicSuffixesAreRefusedPerEventToo() throws Exception {
        var reply = receiver.post("[" + event("printer.local") + "," + event("github.io") + "," + event("x.example.com") + ","
                + event("d.bad.xyz") + "]");
        assertEquals(202, reply.status(), reply.body());
        assertEquals(Set.of("d.bad.xyz"), listed());
        Set<String> reasons = new TreeSet<>();
        rejected().forEach(r -> reasons.add(r.get("reason").asText().replaceAll(" \\(.*", "")));
        assertEquals(Set.of("reserved name", "public suffix"), reasons);
    }

    @Test
    void disableDstSafeguardsBypassesTheSafeguardAndNothingElse() throws Exception {
        cli.runWithInput("popular-shop.xyz\n", "safeguard", "import", "-").ok();
        var reply = receiver.post("[" + event("www.google.com", ",\"disableDstSafeguards\":true") + ","
                + event("cdn.popular-shop.xyz", ",\"disableDstSafeguards\":\"true\"") + ","
                + event("printer.local", ",\"disableDstSafeguards\":true") + "]");
        assertEquals(202, reply.status(), reply.body());
        assertEquals(Set.of("www.google.com", "cdn.popular-shop.xyz"), listed());
        assertEquals("reserved name (.local)", rejected().get(0).get("reason").asText());
    }

    @Test
    void everyMalformedRequestIsRefusedWholeAndNothingIsStored() throws Exception {
        String good = event("e.bad.xyz");
        List<String> malformed = List.of(
                "not json",
                "{\"alertTime\":",
                "42",
                "\"e.bad.xyz\"",
                "[]",
                "[1, 2]",
                "[" + good + ", \"e.bad.xyz\"]",
                "{\"dstDomain\":\"e.bad.xyz\"}",
                good.replace("\"deviceId\":\"ba6a59f4-e692-4724-ba36-c28132c761de\"", "\"deviceId\":\"\""),
                good.replace("\"providerName\":\"Security Platform\"", "\"providerName\":null"),
                good.replace("\"eventTime\":\"2013-02-08T09:30:26Z\"", "\"eventTime\":{}"),
                "[" + good + "," + event("") + "]",
                "[" + good + "," + event("  ") + "]",
                "[" + good + "," + event("has space.xyz") + "]",
                "[" + good + "," + event("203.0.113.9") + "]",
                "[" + good + "," + event("[2001:db8::1]") + "]",
                "[" + good + "," + event("bad..xyz") + "]",
                "[" + good + "," + event("ille_gal!.xyz") + "]",
                "[" + good + "," + event("-lead.bad.xyz") + "]",
                "[" + good + "," + event("x".repeat(64) + ".bad.xyz") + "]",
                "[" + good + "," + event("*.bad.xyz") + "]");
        for (String body : malformed) {
            var reply = receiver.post(body);
            assertEquals(400, reply.status(), body + " -> " + reply.body());
            assertEquals("There were one or more missing or required fields", reply.json().get("message").asText(), reply.body());
            assertEquals(400, reply.json().get("statusCode").asInt());
        }
        assertEquals(Set.of(), listed());
        assertEquals(0, rejected().size(), "a refused request leaves no rejections either");
        assertEquals(0, Json.mapper().readTree(cli.run("events", "threatq", "-o", "json").ok().out()).size());
        var ip = receiver.post("[" + good + "," + event("203.0.113.9") + "]");
        assertEquals("is invalid", ip.json().get("errors").get("dstDomain").asText());
    }

    @Test
    void aRequestWhoseEveryDomainIsRefusedIsStillAccepted() throws Exception {
        var reply = receiver.post("[" + event("www.google.com") + "," + event("facebook.com") + "]");
        assertEquals(202, reply.status(), reply.body());
        assertEquals(Set.of(), listed());
        assertEquals(2, rejected().size());
    }
}
