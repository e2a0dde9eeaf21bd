package dev.parasol.intake.format;

import java.util.ArrayList;
import java.util.List;

/** Collects what a parser reports, as "line:value" (with "!" for disabled safeguards) and "line:reason". */
final class RecordingSink implements IndicatorSink {
    final List<String> values = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void indicator(String value, long line, boolean disableSafeguards) {
        values.add(line + ":" + value + (disableSafeguards ? "!" : ""));
    }

    @Override
    public void rejected(long line, String input, String reason) {
        rejected.add(line + ":" + reason);
    }

    @Override
    public void warning(String message) {
        warnings.add(message);
    }

    static RecordingSink parse(FormatParser parser, String input) throws Exception {
        RecordingSink sink = new RecordingSink();
        parser.parse(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)), sink);
        return sink;
    }
}
