package dev.parasol.report.log;

/** A line that is a query but cannot be read; the message is the reason shown to the user. */
public final class BadLogLineException extends RuntimeException {
    public BadLogLineException(String reason) {
        // Raised per input line on the import path: no stack trace to fill.
        super(reason, null, false, false);
    }
}
