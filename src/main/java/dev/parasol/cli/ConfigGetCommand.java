package dev.parasol.cli;

import dev.parasol.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Print a setting's value (from its PARASOL_* variable, else the store, else the default).",
        footer = {"", "Example:", "  parasol config get public-base-url"})
public final class ConfigGetCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    protected ExitCode run() {
        out().println(ctx().config().get(name).value());
        return ExitCode.OK;
    }
}
