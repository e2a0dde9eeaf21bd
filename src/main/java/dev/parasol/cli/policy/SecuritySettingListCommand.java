package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List security settings.", footer = {"", "Example:", "  parasol security-setting list"})
public final class SecuritySettingListCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        SecuritySettingRows.print(out(), err(), output.format(), ctx().policies().securitySettings());
        return ExitCode.OK;
    }
}
