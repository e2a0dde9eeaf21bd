package dev.parasol.cli;

import picocli.CommandLine.Option;

/** `-o table|json|csv` for every command that prints records. */
public final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    public OutputFormat format() {
        return format;
    }
}
