package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show the entries of any destination list, newest first.",
        footer = {"", "Example:", "  parasol destination-list show \"ThreatQ Destination List\" --search evil"})
public final class DestinationListShowCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin
    PagingOptions paging;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        EntryRows.print(out(), err(), output.format(), ctx().lists().entries(name, paging.query(ctx().clock())), paging);
        return ExitCode.OK;
    }
}
