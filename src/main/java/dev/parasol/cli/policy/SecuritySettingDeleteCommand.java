package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a security setting no policy uses.",
        footer = {"", "Example:", "  parasol security-setting delete Strict"})
public final class SecuritySettingDeleteCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        ctx().policies().deleteSecuritySetting(actor(actor), name);
        err().println("Deleted security setting '" + name.strip() + "'.");
        return ExitCode.OK;
    }
}
