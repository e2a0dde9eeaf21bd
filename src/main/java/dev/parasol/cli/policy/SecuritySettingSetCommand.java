package dev.parasol.cli.policy;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set",
        description = {"Create or update a security setting. --integration adds an integration to it (its list then",
                "blocks for every policy applying the setting); --remove-integration takes one out."},
        footer = {"", "Examples:", "  parasol security-setting set Strict --integration threatq",
                "  parasol security-setting set Strict --remove-integration threatconnect"})
public final class SecuritySettingSetCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--integration", paramLabel = "INTEGRATION", description = "Enforce this integration (repeatable).")
    List<String> add = new ArrayList<>();

    @Option(names = "--remove-integration", paramLabel = "INTEGRATION", description = "Stop enforcing it (repeatable).")
    List<String> remove = new ArrayList<>();

    @Mixin
    ActorOptions actor;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        SecuritySettingRows.print(out(), err(), output.format(),
                List.of(ctx().policies().setSecuritySetting(actor(actor), name, add, remove)));
        return ExitCode.OK;
    }
}
