package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.policy.ListKind;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "block",
        description = {"Block domains (and all their subdomains): add them to the Global Block List, or to",
                "the block list named by --list. They are blocked for every policy (or, with --list, for the policies that list is attached to)."},
        subcommands = {BlockRemoveCommand.class, BlockListCommand.class},
        footer = {"", "Examples:", "  parasol block bad.example --comment \"phishing kit\"",
                "  parasol block --list \"Partner Sites\" --file domains.txt",
                "  parasol block remove example.com", "  parasol block list -o json"})
public final class BlockCommand extends EntryCommandSupport {
    @Parameters(paramLabel = "DOMAIN", arity = "0..*", description = "Domains to block.")
    List<String> domains;

    @Option(names = "--list", paramLabel = "NAME", description = "A custom block list instead of the Global Block List.")
    String list;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why (kept with the entry and in the audit log).")
    String comment;

    @Mixin
    NameArguments names;

    @Mixin
    ActorOptions actor;

    @Override
    protected ExitCode run() {
        return add(ListKind.BLOCK, list, domains, names, comment, actor);
    }
}
