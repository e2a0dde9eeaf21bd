package dev.parasol.report.log;

import java.util.Optional;

/** Reads one resolver log line. Parsers hold no state between lines. */
public interface QueryLogParser {
    /**
     * The query on this line, or empty for a line that is some other message from the resolver
     * (start-up, cache dumps, replies). Throws {@link BadLogLineException} for a line that is a
     * query but cannot be read.
     */
    Optional<LogQuery> parse(String line);
}
