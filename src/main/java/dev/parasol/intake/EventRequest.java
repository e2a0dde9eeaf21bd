package dev.parasol.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.intake.format.IndicatorSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request body of Umbrella Enforcement-API events, checked for form only. Umbrella answers a
 * malformed request 400 and refuses all of it, but queues a well-formed one (202) and judges its
 * domains afterwards; {@link #parse} draws that line. Malformed: not JSON, not an event or an
 * array of events, a required field missing or empty, or a {@code dstDomain} that is not a host
 * name at all. Whether a well-formed name may be listed (safeguards, reserved names, public
 * suffixes) is the intake's policy, decided by {@link ImportService#receiveEvents} for each event.
 */
public final class EventRequest {
    public static final List<String> REQUIRED_FIELDS = List.of("alertTime", "deviceId", "deviceVersion", "dstDomain", "dstUrl",
            "eventTime", "protocolVersion", "providerName");

    private final List<JsonNode> events;

    private EventRequest(List<JsonNode> events) {
        this.events = List.copyOf(events);
    }

    /** Parses and checks a request body; throws {@link MalformedEventsException} naming each bad field. */
    public static EventRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new MalformedEventsException(Map.of("body", "is not valid JSON"));
        }
        List<JsonNode> events = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(events::add);
        } else if (root != null && root.isObject()) {
            events.add(root);
        }
        if (events.isEmpty() || events.stream().anyMatch(e -> !e.isObject())) {
            throw new MalformedEventsException(Map.of("body", "must be an event object or an array of them"));
        }
        for (JsonNode e : events) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (String field : REQUIRED_FIELDS) {
                JsonNode v = e.get(field);
                if (v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank()) {
                    errors.put(field, "is required");
                }
            }
            if (!errors.containsKey("dstDomain") && IndicatorValidator.malformed(e.get("dstDomain").asText()).isPresent()) {
                errors.put("dstDomain", "is invalid");
            }
            if (!errors.isEmpty()) {
                throw new MalformedEventsException(errors);
            }
        }
        return new EventRequest(events);
    }

    public List<JsonNode> events() {
        return events;
    }

    /** The events as one JSON array, as they were sent: what `parasol events` shows. */
    public String json() {
        return Json.mapper().createArrayNode().addAll(events).toString();
    }

    /** Hands each event's dstDomain to the intake; the "line" of an event is its 1-based place in the request. */
    void emit(IndicatorSink sink) {
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            sink.indicator(e.get("dstDomain").asText(), i + 1, disablesSafeguards(e));
        }
    }

    /** {@code disableDstSafeguards}: true as a JSON boolean or as the string "true". */
    static boolean disablesSafeguards(JsonNode event) {
        JsonNode v = event.get("disableDstSafeguards");
        return v != null && (v.asBoolean(false) || "true".equalsIgnoreCase(v.asText()));
    }

    /** What the intake decided for each event the request held: the refused ones, by place (1-based), with the reason. */
    public record Outcome(String requestId, ImportReport report, Map<Integer, String> refused) {
        public Optional<String> refusal(int place) {
            return Optional.ofNullable(refused.get(place));
        }
    }
}
