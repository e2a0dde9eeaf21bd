package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.OutputOptions;
import dev.parasol.policy.ListKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", description = "Show the entries of the Global Block List (or the block list named by --list).",
        footer = {"", "Example:", "  parasol block list --search example -o csv"})
public final class BlockListCommand extends EntryCommandSupport {
    @Option(names = "--list", paramLabel = "NAME")
    String list;

    @Mixin
    PagingOptions paging;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        return show(ListKind.BLOCK, list, paging, output);
    }
}
