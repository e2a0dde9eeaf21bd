package dev.parasol.cli.backup;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.service.BackupService;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "backup",
        description = {"Write a consistent copy of the whole store (lists, policies, audit log, keys) to a zip file,",
                "while shells, receivers and imports go on using it. The file holds customer keys: keep it private."},
        footer = {"", "Example:", "  parasol backup /var/backups/parasol-$(date +%%F).zip"})
public final class BackupCommand extends BaseCommand {
    @Parameters(paramLabel = "FILE", description = "The zip file to write (replaced if it exists, only once the backup is complete).")
    Path file;

    @Override
    protected ExitCode run() {
        BackupService.Backup b = ctx().backups().backup(ctx().store(), file);
        err().println("Backed up the store to " + b.file() + " (" + b.bytes() + " bytes).");
        return ExitCode.OK;
    }
}
