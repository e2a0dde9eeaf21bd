package dev.parasol.cli;

import dev.parasol.ParasolException;
import picocli.CommandLine.Option;

/** `--limit N --offset N` for commands that list the newest records first. */
public final class LimitOptions {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N records (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N records.")
    long offset;

    public int limit() {
        check();
        return limit;
    }

    public long offset() {
        check();
        return offset;
    }

    private void check() {
        if (limit < 1 || offset < 0) {
            throw ParasolException.usage("--limit must be 1 or more and --offset 0 or more");
        }
    }
}
