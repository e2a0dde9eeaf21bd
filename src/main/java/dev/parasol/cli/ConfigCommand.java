package dev.parasol.cli;

import picocli.CommandLine.Command;

@Command(name = "config", description = "Store-wide settings: public-base-url, port, rate-limit, output, activity-retention; each also from a PARASOL_* variable.",
        subcommands = {ConfigGetCommand.class, ConfigSetCommand.class, ConfigListCommand.class})
public final class ConfigCommand extends GroupCommand {
}
