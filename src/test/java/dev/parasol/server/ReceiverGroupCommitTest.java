package dev.parasol.server;

import static dev.parasol.server.RunningReceiver.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.intake.EventRequest;
import dev.parasol.service.Actor;
import dev.parasol.support.CliTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The receiver's group commit writes the requests waiting together in one transaction; each must
 * still come out as if it had come alone: its own id, its own refusals at its own places, its own
 * events and its own audit record.
 */
class ReceiverGroupCommitTest extends CliTest {

    private static EventRequest request(String... domains) {
        StringBuilder json = new StringBuilder("[");
        for (String d : domains) {
            json.append(json.length() > 1 ? "," : "").append(event(d));
        }
        return EventRequest.parse(json.append(']').toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestsWrittenTogetherKeepTheirOwnRefusalsEventsAndAuditRecords() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        List<EventRequest.Outcome> outcomes = cli.context().imports().receiveEvents(new Actor("ThreatQ Account", Actor.HTTP), "threatq",
                List.of(request("a.bad.xyz", "b.bad.xyz"),
                        request("c.bad.xyz", "www.google.com", "a.bad.xyz"),
                        request("co.uk", "d.bad.xyz")));

        assertEquals(3, outcomes.size());
        assertEquals(3, outcomes.stream().map(EventRequest.Outcome::requestId).distinct().count());
        assertEquals(Map.of(), outcomes.get(0).refused());
        assertEquals(Set.of(2), outcomes.get(1).refused().keySet(), "the popular domain is the second event of the second request");
        assertTrue(outcomes.get(1).refusal(2).orElseThrow().startsWith("popular-domain safeguard"));
        assertEquals(Set.of(1), outcomes.get(2).refused().keySet(), "the bare suffix is the first event of the third request");
        assertEquals(2, outcomes.get(0).report().added());
        assertEquals(1, outcomes.get(1).report().added(), "a.bad.xyz was added by the first request of the group");
        assertEquals(1, outcomes.get(1).report().refreshed());

        Set<String> listed = new TreeSet<>();
        for (JsonNode d : Json.mapper().readTree(cli.run("see-domains", "threatq", "--all", "-o", "json").ok().out())) {
            listed.add(d.get("domain").asText());
        }
        assertEquals(Set.of("a.bad.xyz", "b.bad.xyz", "c.bad.xyz", "d.bad.xyz"), listed);

        Map<String, Integer> lineOfRejected = new HashMap<>();
        for (JsonNode r : Json.mapper().readTree(cli.run("rejected", "threatq", "-o", "json").ok().out())) {
            lineOfRejected.put(r.get("value").asText(), r.get("line").asInt());
        }
        assertEquals(Map.of("www.google.com", 2, "co.uk", 1), lineOfRejected);

        Map<String, Integer> eventsByRequest = new HashMap<>();
        for (JsonNode e : Json.mapper().readTree(cli.run("events", "threatq", "-o", "json").ok().out())) {
            String id = e.get("requestId").asText();
            eventsByRequest.merge(id, 1, Integer::sum);
            boolean refusedHere = id.equals(outcomes.get(1).requestId()) && e.get("event").get("dstDomain").asText().equals("www.google.com")
                    || id.equals(outcomes.get(2).requestId()) && e.get("event").get("dstDomain").asText().equals("co.uk");
            assertEquals(refusedHere, !e.get("refused").isNull(), e.toString());
        }
        assertEquals(Map.of(outcomes.get(0).requestId(), 2, outcomes.get(1).requestId(), 3, outcomes.get(2).requestId(), 2),
                eventsByRequest);

        long fromReceiver = 0;
        for (JsonNode record : Json.mapper().readTree(cli.run("audit", "search", "--user", "ThreatQ Account", "-o", "json").ok().out())) {
            fromReceiver += record.get("origin").asText().equals("http") ? 1 : 0;
        }
        assertEquals(3, fromReceiver, "one audit record per request");
    }
}
