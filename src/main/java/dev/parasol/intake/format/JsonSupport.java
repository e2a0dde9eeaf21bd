package dev.parasol.intake.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import dev.parasol.Json;
import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Streaming JSON through the shared mapper (whose factory limits nesting depth and string length). */
final class JsonSupport {
    private JsonSupport() {
    }

    /**
     * Feeds are UTF-8. Jackson, handed bytes, guesses the encoding from the first four, and NUL
     * bytes there make it read UTF-32 and fail with an encoding error instead of "not JSON"; so
     * the bytes are decoded here (malformed sequences replaced, a BOM dropped) and Jackson reads
     * characters.
     */
    static JsonParser open(InputStream in) throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        JsonParser p = Json.mapper().getFactory().createParser(reader);
        p.setCodec(Json.mapper());
        return p;
    }

    /** Receives one element of a streamed array, with the line it starts on. */
    @FunctionalInterface
    interface ElementHandler {
        void element(long line, JsonNode element);
    }

    /**
     * For a root object with a (possibly huge) array field: streams that field's object
     * elements one at a time to {@code handler} and returns the root's other fields, or, when
     * the root has no such array, the whole root object (to be treated as a single element).
     * Call after {@link #first} returned START_OBJECT.
     */
    static Optional<ObjectNode> streamArrayField(JsonParser p, String field, ElementHandler handler) throws IOException {
        ObjectNode rest = Json.mapper().createObjectNode();
        boolean sawArray = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals(name) && value == JsonToken.START_ARRAY) {
                sawArray = true;
                streamElements(p, handler);
            } else {
                rest.set(name, readTree(p));
            }
        }
        return sawArray ? Optional.empty() : Optional.of(rest);
    }

    /** Streams the object elements of the array the parser is at (after START_ARRAY). */
    static void streamElements(JsonParser p, ElementHandler handler) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            handler.element(line(p), readTree(p));
        }
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
