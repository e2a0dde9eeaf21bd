package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.policy.ListKind;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "allow",
        description = {"Allow domains (and all their subdomains): add them to the Global Allow List, or to",
                "the allow list named by --list. They are allowed even where a policy, an integration or a block list would block them (the allow list wins)."},
        subcommands = {AllowRemoveCommand.class, AllowListCommand.class},
        footer = {"", "Examples:", "  parasol allow malware-c2.xyz --comment \"false positive, ticket 42\"",
                "  parasol allow --list \"Partner Sites\" --file domains.txt",
                "  parasol allow remove example.com", "  parasol allow list -o json"})
public final class AllowCommand extends EntryCommandSupport {
    @Parameters(paramLabel = "DOMAIN", arity = "0..*", description = "Domains to allow.")
    List<String> domains;

    @Option(names = "--list", paramLabel = "NAME", description = "A custom allow list instead of the Global Allow List.")
    String list;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why (kept with the entry and in the audit log).")
    String comment;

    @Mixin
    NameArguments names;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        return add(ListKind.ALLOW, list, domains, names, comment, actor);
    }
}
