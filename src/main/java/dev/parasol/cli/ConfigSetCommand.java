package dev.parasol.cli;

import dev.parasol.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "set", description = "Change a setting (audited). $PARASOL_PUBLIC_BASE_URL overrides public-base-url.",
        footer = {"", "Examples:", "  parasol config set public-base-url https://parasol.example.com", "  parasol config set activity-retention 30d"})
public final class ConfigSetCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        ctx().config().set(actor(actor), name, value);
        return ExitCode.OK;
    }
}
