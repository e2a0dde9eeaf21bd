package dev.parasol.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.policy.Integration;
import dev.parasol.store.EventRepository.ReceivedEvent;
import dev.parasol.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What TIPs sent to the receiver, as they sent it. */
public final class EventService {
    private final Store store;

    public EventService(Store store) {
        this.store = store;
    }

    /**
     * One received event, with the request it came in ({@code request}: the stored row;
     * {@code requestId}: the id the 202 answer gave), when it came, and the reason Parasol refused
     * its domain, if it did.
     */
    public record Event(long request, Optional<String> requestId, Instant receivedAt, JsonNode event, Optional<String> refused) {
    }

    /** Events newest first (requests newest first, events in the order sent). */
    public List<Event> latest(String integration, int limit, long offset) {
        return store.read(tx -> {
            Integration i = IntegrationService.find(tx, integration);
            List<Event> out = new ArrayList<>();
            long skipped = 0;
            long requestOffset = 0;
            while (out.size() < limit) {
                List<ReceivedEvent> requests = tx.events().latest(i.id(), 100, requestOffset);
                if (requests.isEmpty()) {
                    break;
                }
                requestOffset += requests.size();
                for (ReceivedEvent r : requests) {
                    JsonNode refused = r.refusedJson().map(EventService::tree).orElse(null);
                    int place = 0;
                    for (JsonNode e : parse(r.json())) {
                        place++;
                        if (skipped++ < offset) {
                            continue;
                        }
                        if (out.size() < limit) {
                            JsonNode reason = refused == null ? null : refused.get(Integer.toString(place));
                            out.add(new Event(r.id(), r.requestId(), r.receivedAt(), e, Optional.ofNullable(reason).map(JsonNode::asText)));
                        }
                    }
                }
            }
            return out;
        });
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            return n.isArray() ? n : Json.mapper().createArrayNode().add(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
