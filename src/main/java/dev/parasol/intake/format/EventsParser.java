package dev.parasol.intake.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Umbrella Enforcement-API events: one object, an array of objects, or one object a line
 * (NDJSON). The indicator is dstDomain, else dstUrl (its host is taken downstream);
 * disableDstSafeguards is honoured per event.
 */
public final class EventsParser implements FormatParser {
    @Override
    public void parse(InputStream in, IndicatorSink sink) throws IOException {
        try (JsonParser p = JsonSupport.open(in)) {
            JsonToken t = JsonSupport.first(p, "Enforcement-API events");
            try {
                while (t != null) {
                    if (t == JsonToken.START_ARRAY) {
                        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                            event(p, sink);
                        }
                    } else {
                        event(p, sink);
                    }
                    t = p.nextToken();
                }
            } catch (JsonProcessingException e) {
                sink.rejected(JsonSupport.line(p), "", "invalid JSON: " + JsonSupport.shortMessage(e));
            }
        }
    }

    private static void event(JsonParser p, IndicatorSink sink) throws IOException {
        long line = JsonSupport.line(p);
        JsonNode e = JsonSupport.readTree(p);
        if (!e.isObject()) {
            sink.rejected(line, JsonSupport.brief(e), "not an event object");
            return;
        }
        String value = JsonSupport.text(e, "dstDomain");
        if (value.isEmpty()) {
            value = JsonSupport.text(e, "dstUrl");
        }
        if (value.isEmpty()) {
            sink.rejected(line, JsonSupport.brief(e), "event has no dstDomain or dstUrl");
            return;
        }
        JsonNode disable = e.get("disableDstSafeguards");
        boolean disableSafeguards = disable != null && (disable.asBoolean(false) || "true".equalsIgnoreCase(disable.asText()));
        sink.indicator(value, line, disableSafeguards);
    }
}
