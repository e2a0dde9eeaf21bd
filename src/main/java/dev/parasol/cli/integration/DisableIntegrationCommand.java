package dev.parasol.cli.integration;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.service.IntegrationView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "disable-integration",
        description = {"Disable an integration: its URL stops accepting indicators and its category leaves",
                "decisions and reports. Its destination list is kept; enabling it again restores it."},
        footer = {"", "Example:", "  parasol disable-integration threatconnect"})
public final class DisableIntegrationCommand extends BaseCommand {
    @Parameters(paramLabel = "INTEGRATION")
    String name;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        IntegrationView v = ctx().integrations().disable(actor(actor), name);
        err().println("Disabled " + v.integration().displayName() + "; its list '" + v.integration().listName()
                + "' keeps " + v.domains() + " domain(s).");
        return ExitCode.OK;
    }
}
