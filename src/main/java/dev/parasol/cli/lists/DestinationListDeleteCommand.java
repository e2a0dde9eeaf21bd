package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a custom list and its entries (global and integration lists cannot be deleted).",
        footer = {"", "Example:", "  parasol destination-list delete \"Partner Sites\" --detach"})
public final class DestinationListDeleteCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--detach", description = "Also detach it from the policies that use it.")
    boolean detach;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        ctx().lists().delete(actor(actor), name, detach);
        err().println("Deleted list '" + name.strip() + "'.");
        return ExitCode.OK;
    }
}
