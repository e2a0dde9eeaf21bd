package dev.parasol.cli.integration;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.service.IntegrationService;
import dev.parasol.service.IntegrationView;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "enable-integration",
        description = {"Enable an integration and print its unique URL (with its secret customer key).",
                "Creates it with its own destination list on first use. Until a policy's security setting",
                "includes it, it runs in audit mode: hits are reported, nothing is blocked."},
        footer = {"", "Examples:", "  parasol enable-integration threatq",
                "  parasol enable-integration misp --display-name MISP",
                "  parasol enable-integration threatq --rotate-key   # new customer key; the old URL stops working"})
public final class EnableIntegrationCommand extends BaseCommand {
    @Parameters(paramLabel = "INTEGRATION", description = "threatq, threatconnect, or a name for another provider.")
    String name;

    @Option(names = "--display-name", paramLabel = "NAME",
            description = "How a new provider is shown and named in its list, account and category (default: as typed).")
    String displayName;

    @Option(names = "--rotate-key", description = "Issue a new customer key.")
    boolean rotateKey;

    @Mixin
    ActorOptions actor;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        IntegrationService.Enabled result = ctx().integrations().enable(actor(actor), name, Optional.ofNullable(displayName), rotateKey);
        IntegrationView v = result.view();
        switch (output.format()) {
            case table -> {
                out().println(v.url());
                err().println((result.created() ? "Created and enabled " : "Enabled ") + v.integration().displayName()
                        + " (" + v.mode() + " mode); indicators go to '" + v.integration().listName() + "'"
                        + (result.keyRotated() ? "; the customer key was rotated" : "") + ".");
            }
            case json -> Printer.printJson(out(), IntegrationRows.json(v));
            case csv -> IntegrationRows.print(out(), err(), output.format(), java.util.List.of(v));
        }
        return ExitCode.OK;
    }
}
