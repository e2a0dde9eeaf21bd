package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "see-domains",
        description = "Show the domains in an integration's destination list, newest first.",
        footer = {"", "Examples:", "  parasol see-domains threatq",
                "  parasol see-domains threatq --search c2 --since 24h -o json"})
public final class SeeDomainsCommand extends BaseCommand {
    @Parameters(paramLabel = "INTEGRATION")
    String integration;

    @Mixin
    PagingOptions paging;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        EntryRows.print(out(), err(), output.format(), ctx().lists().integrationEntries(integration, paging.query(ctx().clock())), paging);
        return ExitCode.OK;
    }
}
