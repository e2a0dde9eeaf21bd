package dev.parasol.cli.backup;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.service.BackupService;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "restore",
        description = {"Replace the embedded store with one from `parasol backup`. Refused while another process",
                "(a shell, serve, an import) has the store open; the replaced store file is kept beside it as",
                "parasol.mv.db.before-restore. The restore is recorded in the restored store's audit log."},
        footer = {"", "Example:", "  parasol restore /var/backups/parasol-2026-11-23.zip"})
public final class RestoreCommand extends BaseCommand {
    @Parameters(paramLabel = "FILE", description = "A zip file written by `parasol backup`.")
    Path file;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        if (ctx().externalDb().isPresent()) {
            throw ParasolException.usage("restore replaces the embedded store; --db/PARASOL_DB stores are restored with their own tools");
        }
        // This process must not hold the store itself (the shell may have it open).
        ctx().close();
        BackupService.Restore r = ctx().backups().restore(ctx().home(), file, actor(actor));
        err().println("Restored the store from " + file + " (schema version " + r.schemaVersion() + "); the previous store is "
                + r.replacedStore() + ".");
        return ExitCode.OK;
    }
}
