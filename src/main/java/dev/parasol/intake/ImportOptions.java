package dev.parasol.intake;

import dev.parasol.intake.format.Format;
import java.util.Optional;

/**
 * How to read and take an input: a forced format (else detected), safeguards off for all of
 * it, MISP attributes taken whatever their to_ids, or a dry run that stores nothing.
 */
public record ImportOptions(Optional<Format> format, boolean disableSafeguards, boolean ignoreToIds, boolean dryRun) {
    public static ImportOptions defaults() {
        return new ImportOptions(Optional.empty(), false, false, false);
    }
}
