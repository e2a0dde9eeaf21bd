package dev.parasol.cli;

import dev.parasol.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Print a setting's value.", footer = {"", "Example:", "  parasol config get public-base-url"})
public final class ConfigGetCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    protected ExitCode run() {
        out().println(ctx().config().get(name));
        return ExitCode.OK;
    }
}
