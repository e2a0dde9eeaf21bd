package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.policy.ListKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = "Create a custom allow or block list; attach it to policies with 'policy set --list'.",
        footer = {"", "Example:", "  parasol destination-list create \"Partner Sites\" --type allow"})
public final class DestinationListCreateCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--type", paramLabel = "allow|block", required = true, converter = ListKindConverter.class,
            description = "allow or block.")
    ListKind kind;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        ctx().lists().create(actor(actor), name, kind);
        err().println("Created " + kind.label() + " list '" + name.strip() + "'.");
        return ExitCode.OK;
    }
}
