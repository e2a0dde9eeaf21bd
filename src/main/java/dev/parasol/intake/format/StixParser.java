package dev.parasol.intake.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STIX 2.0 / 2.1 bundles (streamed object by object) and bare arrays: domain-name and url
 * objects, and indicator patterns, compound ones included: every {@code domain-name:value}
 * and {@code url:value} comparison is taken, other object types and comparisons ignored.
 */
public final class StixParser implements FormatParser {
    private static final Pattern COMPARISON = Pattern.compile("(domain-name|url):value\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'");

    @Override
    public void parse(InputStream in, IndicatorSink sink) throws IOException {
        try (JsonParser p = JsonSupport.open(in)) {
            JsonToken t = JsonSupport.first(p, "STIX");
            try {
                JsonSupport.ElementHandler handler = (line, o) -> object(line, o, sink);
                if (t == JsonToken.START_ARRAY) {
                    JsonSupport.streamElements(p, handler);
                } else {
                    long rootLine = JsonSupport.line(p);
                    JsonSupport.streamArrayField(p, "objects", handler).ifPresent(single -> object(rootLine, single, sink));
                }
            } catch (JsonProcessingException e) {
                sink.rejected(JsonSupport.line(p), "", "invalid JSON: " + JsonSupport.shortMessage(e));
            }
        }
    }

    private static void object(long line, JsonNode o, IndicatorSink sink) {
        String type = JsonSupport.text(o, "type");
        switch (type) {
            case "domain-name", "url" -> {
                String value = JsonSupport.text(o, "value");
                if (!value.isEmpty()) {
                    sink.indicator(value, line, false);
                }
            }
            case "indicator" -> {
                String patternType = JsonSupport.text(o, "pattern_type");
                if (patternType.isEmpty() || patternType.equals("stix")) {
                    Matcher m = COMPARISON.matcher(JsonSupport.text(o, "pattern"));
                    while (m.find()) {
                        sink.indicator(m.group(2).replace("\\'", "'").replace("\\\\", "\\"), line, false);
                    }
                }
            }
            default -> {
                // Other STIX objects (malware, reports, relationships, ...) carry no indicator for us.
            }
        }
    }
}
