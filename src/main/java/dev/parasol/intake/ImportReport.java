package dev.parasol.intake;

/** What an import did. {@code added} + {@code alreadyPresent} + {@code duplicates} + {@code rejected} = names read. */
public record ImportReport(String integration, String list, String source, long linesRead, long added,
                           long alreadyPresent, long duplicates, long rejected) {
}
