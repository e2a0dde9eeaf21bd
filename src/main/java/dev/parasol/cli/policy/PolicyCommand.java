package dev.parasol.cli.policy;

import dev.parasol.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "policy",
        description = {"The ordered policy table. A request gets the first policy (top to bottom) naming any of",
                "its identities; the Default Policy is last and matches everything."},
        subcommands = {PolicySetCommand.class, PolicyListCommand.class, PolicyShowCommand.class,
                PolicyMoveCommand.class, PolicyDeleteCommand.class})
public final class PolicyCommand extends GroupCommand {
}
