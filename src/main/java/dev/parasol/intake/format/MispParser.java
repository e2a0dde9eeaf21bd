package dev.parasol.intake.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * MISP events: {"Event":…}, {"response":[{"Event":…}, …]} (streamed event by event), bare
 * events and arrays of them. Attributes at event level and inside Object[]; types domain,
 * hostname, url and domain|ip. Attributes with to_ids false are skipped unless told otherwise,
 * with a warning when that leaves nothing.
 */
public final class MispParser implements FormatParser {
    private static final Set<String> TYPES = Set.of("domain", "hostname", "url", "domain|ip", "uri");
    private final boolean ignoreToIds;
    private long candidates;
    private long skippedToIds;

    public MispParser() {
        this(false);
    }

    public MispParser(boolean ignoreToIds) {
        this.ignoreToIds = ignoreToIds;
    }

    @Override
    public void parse(InputStream in, IndicatorSink sink) throws IOException {
        try (JsonParser p = JsonSupport.open(in)) {
            JsonToken t = JsonSupport.first(p, "MISP");
            try {
                JsonSupport.ElementHandler handler = (line, node) -> wrapper(line, node, sink);
                if (t == JsonToken.START_ARRAY) {
                    JsonSupport.streamElements(p, handler);
                } else {
                    long rootLine = JsonSupport.line(p);
                    JsonSupport.streamArrayField(p, "response", handler).ifPresent(event -> wrapper(rootLine, event, sink));
                }
            } catch (JsonProcessingException e) {
                sink.rejected(JsonSupport.line(p), "", "invalid JSON: " + JsonSupport.shortMessage(e));
            }
        }
        if (candidates > 0 && skippedToIds == candidates) {
            sink.warning("every domain/hostname/url attribute has to_ids=false; nothing imported (use --ignore-to-ids to take them)");
        }
    }

    private void wrapper(long line, JsonNode node, IndicatorSink sink) {
        JsonNode event = node.has("Event") ? node.get("Event") : node;
        for (JsonNode a : event.path("Attribute")) {
            attribute(line, a, sink);
        }
        for (JsonNode o : event.path("Object")) {
            for (JsonNode a : o.path("Attribute")) {
                attribute(line, a, sink);
            }
        }
    }

    private void attribute(long line, JsonNode a, IndicatorSink sink) {
        String type = JsonSupport.text(a, "type");
        if (!TYPES.contains(type)) {
            return;
        }
        candidates++;
        JsonNode toIds = a.get("to_ids");
        boolean forDetection = toIds == null || toIds.isNull() || toIds.asBoolean(false) || "1".equals(toIds.asText());
        if (!forDetection && !ignoreToIds) {
            skippedToIds++;
            return;
        }
        String value = JsonSupport.text(a, "value");
        if (type.equals("domain|ip")) {
            int bar = value.indexOf('|');
            value = bar >= 0 ? value.substring(0, bar) : value;
        }
        if (!value.isEmpty()) {
            sink.indicator(value, line, false);
        }
    }
}
