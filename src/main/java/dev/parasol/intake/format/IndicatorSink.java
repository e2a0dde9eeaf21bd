package dev.parasol.intake.format;

/**
 * Where a format parser sends what it finds. Parsers do not validate or normalise: they hand
 * over each candidate value as written (a domain, a host, a URL; defanged text already
 * refanged), and report the lines they could not read at all.
 */
public interface IndicatorSink {
    /**
     * A candidate indicator. {@code line} is the 1-based line (or, for JSON, the line where the
     * value's object starts); {@code disableSafeguards} is true only where the source asks for
     * it per indicator (Enforcement-API events' disableDstSafeguards).
     */
    void indicator(String value, long line, boolean disableSafeguards);

    /** Something at {@code line} that is not an indicator this format can carry, and why. */
    void rejected(long line, String input, String reason);

    /** A warning about the whole input, e.g. "every MISP attribute has to_ids=false". */
    void warning(String message);
}
