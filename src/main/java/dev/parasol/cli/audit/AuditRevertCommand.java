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
                "removed is put back with its comment; a policy, security setting, identity, setting or",
                "integration goes back to how it was (made again if deleted, deleted if made); an import's",
                "names are removed unless something sent them again since. Refused (exit 5) when the object",
                "changed since (revert the later changes first) or for other kinds of record. The revert is",
                "recorded too (with revertOf)."},
        footer = {"", "Examples:", "  parasol audit search --type destination-list-entry --limit 5",
                "  parasol audit revert 42",
                "  parasol audit search --type policy --limit 3 && parasol audit revert 57   # a policy change"})
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
