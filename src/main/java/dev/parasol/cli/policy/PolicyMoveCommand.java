package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "move", description = "Move a policy up or down the order (the Default Policy stays last).",
        footer = {"", "Examples:", "  parasol policy move Roaming --position 1", "  parasol policy move Roaming --after \"HQ LAN\""})
public final class PolicyMoveCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin
    PlacementOptions placement;

    @Mixin
    ActorOptions actor;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        var where = placement.placement().orElseThrow(() -> ParasolException.usage("say where: --position N, --before POLICY or --after POLICY"));
        ctx().policies().movePolicy(actor(actor), name, where);
        PolicyRows.print(out(), err(), output.format(), ctx().policies().policies());
        return ExitCode.OK;
    }
}
