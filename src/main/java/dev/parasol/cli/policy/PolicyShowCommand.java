package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show one policy.", footer = {"", "Example:", "  parasol policy show Roaming -o json"})
public final class PolicyShowCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        PolicyRows.print(out(), err(), output.format(), List.of(ctx().policies().policy(name)));
        return ExitCode.OK;
    }
}
