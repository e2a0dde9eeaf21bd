package dev.parasol.cli.activity;

import dev.parasol.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "activity", description = "Request activity: resolver query logs in, decided with the current policies; search; prune.",
        subcommands = {ActivityImportCommand.class, ActivitySearchCommand.class, ActivityPruneCommand.class})
public final class ActivityCommand extends GroupCommand {
}
