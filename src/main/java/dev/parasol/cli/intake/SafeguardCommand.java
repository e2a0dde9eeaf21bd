package dev.parasol.cli.intake;

import dev.parasol.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "safeguard", description = {"The popular-domain safeguard: names feeds may never block (a built-in list",
        "of widely used services, plus lists you load). Override per import with --disable-safeguards."},
        subcommands = {SafeguardImportCommand.class})
public final class SafeguardCommand extends GroupCommand {
}
