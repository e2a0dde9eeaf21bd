package dev.parasol.intake.format;

import dev.parasol.intake.BoundedLineReader;
import java.io.IOException;
import java.io.InputStream;

/** Line-oriented formats: bounded lines (an overlong one is reported, not kept), then one line at a time. */
abstract class LineFormatParser implements FormatParser {

    @Override
    public final void parse(InputStream in, IndicatorSink sink) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(in, BoundedLineReader.DEFAULT_MAX_LENGTH);
        String line;
        while ((line = reader.readLine()) != null) {
            if (reader.lastLineTooLong()) {
                sink.rejected(reader.lineNumber(), line, "line longer than " + reader.maxLength() + " characters");
                continue;
            }
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                parseLine(trimmed, reader.lineNumber(), sink);
            }
        }
    }

    /** {@code line} is stripped and not empty. */
    abstract void parseLine(String line, long number, IndicatorSink sink);

    /** The line without a trailing " # comment". */
    static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }
}
