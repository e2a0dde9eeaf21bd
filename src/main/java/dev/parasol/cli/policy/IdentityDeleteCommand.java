package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete an identity.",
        footer = {"", "Example:", "  parasol identity delete roaming-computer:laptop-7 --detach"})
public final class IdentityDeleteCommand extends BaseCommand {
    @Parameters(paramLabel = "TYPE:VALUE")
    String identity;

    @Option(names = "--detach", description = "Also remove it from the policies that name it.")
    boolean detach;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        ctx().policies().deleteIdentity(actor(actor), identity, detach);
        err().println("Deleted identity " + identity + ".");
        return ExitCode.OK;
    }
}
