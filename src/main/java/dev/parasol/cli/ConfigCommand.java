package dev.parasol.cli;

import picocli.CommandLine.Command;

@Command(name = "config", description = "Store-wide settings (public-base-url: the base of integration URLs; activity-retention: the default age for 'activity prune').",
        subcommands = {ConfigGetCommand.class, ConfigSetCommand.class, ConfigListCommand.class})
public final class ConfigCommand extends GroupCommand {
}
