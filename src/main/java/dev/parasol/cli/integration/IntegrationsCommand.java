package dev.parasol.cli.integration;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "integrations",
        description = "List integrations: enabled or not, audit or enforced, domains held, unique URL.",
        footer = {"", "Example:", "  parasol integrations -o json"})
public final class IntegrationsCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        ctx().onlyReads();
        IntegrationRows.print(out(), err(), output.format(), ctx().integrations().list());
        return ExitCode.OK;
    }
}
