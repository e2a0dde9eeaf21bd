package dev.parasol.report;

import java.util.Map;

/**
 * What an activity import did: lines read, queries recorded (and how many blocked), lines
 * skipped because they were other resolver messages, and rejected lines by reason.
 */
public record ActivityImportReport(String source, String format, long lines, long recorded, long blocked, long skipped,
                                   long rejected, Map<String, Long> rejectedByReason) {
}
