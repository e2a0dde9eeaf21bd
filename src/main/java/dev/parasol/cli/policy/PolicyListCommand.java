package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List policies in evaluation order.", footer = {"", "Example:", "  parasol policy list"})
public final class PolicyListCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        PolicyRows.print(out(), err(), output.format(), ctx().policies().policies());
        return ExitCode.OK;
    }
}
