package dev.parasol.intake.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one input format and streams its indicators to a sink, in bounded memory: inputs may
 * be millions of lines or a JSON document of hundreds of megabytes. A parser never throws for
 * bad data; it reports the line and goes on. IOException only for real I/O failures, and
 * {@link InvalidFormatException} when the input as a whole is not this format.
 */
public interface FormatParser {
    void parse(InputStream in, IndicatorSink sink) throws IOException;
}
