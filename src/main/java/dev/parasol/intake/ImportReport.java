package dev.parasol.intake;

import java.util.Map;

/**
 * What an import did. Every value read is exactly one of: added (new to the list, of which
 * {@code reAdded} had been deleted before), refreshed (already listed: last seen, times seen
 * updated), a duplicate of another value in the same input, or rejected (by reason).
 */
public record ImportReport(String integration, String list, String source, String format, boolean dryRun,
                           long valuesRead, long added, long reAdded, long refreshed, long duplicates,
                           Map<String, Long> rejectedByReason) {
    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
