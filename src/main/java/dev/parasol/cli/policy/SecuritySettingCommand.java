package dev.parasol.cli.policy;

import dev.parasol.cli.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "security-setting",
        description = "Named sets of enforced integrations, applied by policies.",
        subcommands = {SecuritySettingSetCommand.class, SecuritySettingListCommand.class,
                SecuritySettingShowCommand.class, SecuritySettingDeleteCommand.class})
public final class SecuritySettingCommand extends GroupCommand {
}
