package dev.parasol.cli.lists;

import dev.parasol.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "destination-list",
        description = "Create, delete, list and show destination lists.",
        subcommands = {DestinationListCreateCommand.class, DestinationListDeleteCommand.class,
                DestinationListListCommand.class, DestinationListShowCommand.class})
public final class DestinationListCommand extends GroupCommand {
}
