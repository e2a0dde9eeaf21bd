package dev.parasol.cli.intake;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.Inputs;
import dev.parasol.service.SafeguardService;
import java.io.InputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Load popular domains: Tranco / Umbrella top-1m CSV (rank,domain), MISP warninglist JSON, or plain names.",
        footer = {"", "Examples:", "  parasol safeguard import top-1m.csv", "  parasol safeguard import misp-warninglists/lists/tranco10k/list.json"})
public final class SafeguardImportCommand extends BaseCommand {
    @Parameters(paramLabel = "FILE", description = "A file, or '-' for standard input.")
    String file;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() throws Exception {
        SafeguardService.Loaded loaded;
        try (InputStream in = Inputs.open(ctx(), file)) {
            loaded = ctx().safeguards().load(actor(actor), Inputs.displayName(file), in);
        }
        err().println(Inputs.displayName(file) + ": " + loaded.read() + " read, " + loaded.added() + " new, " + loaded.skipped()
                + " not domain names; " + loaded.total() + " loaded safeguard domain(s) in all (plus the built-in list)");
        return ExitCode.OK;
    }
}
