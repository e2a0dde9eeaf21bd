package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.service.EntryChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "delete-domain",
        description = {"Delete domains from an integration's destination list. For a false positive, allow the",
                "domain first (parasol allow) so it stops being blocked at once; a deleted domain comes back",
                "if the integration sends it again."},
        footer = {"", "Examples:", "  parasol delete-domain threatq malware-c2.xyz",
                "  parasol delete-domain threatq --file false-positives.txt",
                "", "Exit codes: 0 all deleted, 3 some names were not in the list, 4 some names invalid."})
public final class DeleteDomainCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "INTEGRATION")
    String integration;

    @Parameters(index = "1..*", paramLabel = "DOMAIN", arity = "0..*", description = "Domains to delete.")
    java.util.List<String> domains;

    @Mixin
    NameArguments names;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        EntryChange change = ctx().lists().deleteFromIntegration(actor(actor), integration, names.collect(ctx(), domains));
        return ChangeReport.report(err(), change, "Deleted", "not in the list", ExitCode.NOT_FOUND);
    }
}
