package dev.parasol.cli.audit;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.service.AuditService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "revert",
        description = {"Undo a recorded change from its before state: an entry added to a list is removed, an entry",
                "removed is put back with its comment. The revert is recorded too (with revertOf). Changes of",
                "other kinds are refused (exit 5) rather than half undone."},
        footer = {"", "Example:", "  parasol audit search --type destination-list-entry --limit 5",
                "  parasol audit revert 42"})
public final class AuditRevertCommand extends BaseCommand {
    @Parameters(paramLabel = "ID", description = "The audit record's ID (first column of `audit search`).")
    long id;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        AuditService.Reverted r = ctx().audit().revert(actor(actor), id);
        err().println("Reverted audit record " + id + " (" + r.undone().action() + " by " + r.undone().user() + "): " + r.change() + ".");
        return ExitCode.OK;
    }
}
