package dev.parasol.intake.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import java.io.IOException;
import java.io.InputStream;

/** Streaming JSON through the shared mapper (whose factory limits nesting depth and string length). */
final class JsonSupport {
    private JsonSupport() {
    }

    static JsonParser open(InputStream in) throws IOException {
        JsonParser p = Json.mapper().getFactory().createParser(in);
        p.setCodec(Json.mapper());
        return p;
    }

    static long line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    static JsonNode readTree(JsonParser p) throws IOException {
        return p.readValueAsTree();
    }

    /** The first token, or an InvalidFormatException when the input is not JSON at all. */
    static JsonToken first(JsonParser p, String what) throws IOException {
        try {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                throw new InvalidFormatException("not " + what + ": the input does not start with a JSON object or array");
            }
            return t;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidFormatException("not " + what + ": " + shortMessage(e));
        }
    }

    static String shortMessage(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = e.getOriginalMessage();
        return m == null ? "unreadable JSON" : (m.length() > 120 ? m.substring(0, 117) + "..." : m);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? "" : v.asText("").strip();
    }

    static String brief(JsonNode n) {
        String s = n.toString();
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }
}
