package dev.parasol.cli.audit;

import dev.parasol.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "audit", description = "The admin audit log: every change, who made it, before and after.",
        subcommands = {AuditSearchCommand.class, AuditRevertCommand.class})
public final class AuditCommand extends GroupCommand {
}
