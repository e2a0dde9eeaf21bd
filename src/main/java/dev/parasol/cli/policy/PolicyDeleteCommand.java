package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a policy (not the Default Policy).", footer = {"", "Example:", "  parasol policy delete Roaming"})
public final class PolicyDeleteCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        ctx().policies().deletePolicy(actor(actor), name);
        err().println("Deleted policy '" + name.strip() + "'.");
        return ExitCode.OK;
    }
}
