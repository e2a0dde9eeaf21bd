package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show one security setting.", footer = {"", "Example:", "  parasol security-setting show Strict -o json"})
public final class SecuritySettingShowCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        SecuritySettingRows.print(out(), err(), output.format(), List.of(ctx().policies().securitySetting(name)));
        return ExitCode.OK;
    }
}
