package dev.parasol.intake;

import dev.parasol.intake.format.Format;
import java.util.Optional;

/**
 * How to read and take an input: a forced format (else detected), safeguards off for all of
 * it, MISP attributes taken whatever their to_ids, or a dry run that stores nothing.
 * {@code partOfFeed} says the input is one piece of what its source sends (an HTTP request of
 * events), not the whole feed as a file or URL is; see {@link ImportService} for what follows.
 */
public record ImportOptions(Optional<Format> format, boolean disableSafeguards, boolean ignoreToIds, boolean dryRun,
                            boolean partOfFeed) {
    public ImportOptions(Optional<Format> format, boolean disableSafeguards, boolean ignoreToIds, boolean dryRun) {
        this(format, disableSafeguards, ignoreToIds, dryRun, false);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(Optional.empty(), false, false, false);
    }
}
