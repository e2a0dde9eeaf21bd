package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.service.ConfigService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "set", description = {"Change a setting in the store (audited): public-base-url, port, rate-limit, output,",
        "activity-retention. Its PARASOL_* variable, when set, still wins (see 'config list')."},
        footer = {"", "Examples:", "  parasol config set public-base-url https://parasol.example.com", "  parasol config set output json",
                "  parasol config set activity-retention 30d"})
public final class ConfigSetCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        ConfigService.Setting setting = ctx().config().set(actor(actor), name, value);
        ctx().env(setting.env()).ifPresent(v ->
                err().println("parasol: stored, but $" + setting.env() + " is set and overrides it (" + v + ")"));
        return ExitCode.OK;
    }
}
