package dev.parasol.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** `--as NAME`: who the audit log records for a change. */
public final class ActorOptions {
    @Option(names = "--as", paramLabel = "NAME",
            description = "Admin name recorded in the audit log (default: $PARASOL_USER, else the OS user).")
    String as;

    public Optional<String> as() {
        return Optional.ofNullable(as);
    }
}
