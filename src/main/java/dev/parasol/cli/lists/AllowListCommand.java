package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.OutputOptions;
import dev.parasol.policy.ListKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", description = "Show the entries of the Global Allow List (or the allow list named by --list).",
        footer = {"", "Example:", "  parasol allow list --search example -o csv"})
public final class AllowListCommand extends EntryCommandSupport {
    @Option(names = "--list", paramLabel = "NAME")
    String list;

    @Mixin
    PagingOptions paging;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        return show(ListKind.ALLOW, list, paging, output);
    }
}
