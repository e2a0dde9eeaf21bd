package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.policy.ListKind;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove", description = "Remove domains from the Global Allow List (or the allow list named by --list).",
        footer = {"", "Example:", "  parasol allow remove example.com", "",
                "Exit codes: 0 removed, 3 some names were not in the list, 4 some names invalid."})
public final class AllowRemoveCommand extends EntryCommandSupport {
    @Parameters(paramLabel = "DOMAIN", arity = "0..*")
    List<String> domains;

    @Option(names = "--list", paramLabel = "NAME")
    String list;

    @Mixin
    NameArguments names;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        return remove(ListKind.ALLOW, list, domains, names, actor);
    }
}
