package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.ActorOptions;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import dev.parasol.policy.DestinationList;
import dev.parasol.policy.ListKind;
import dev.parasol.service.EntryChange;
import java.util.List;
import java.util.Optional;

/** The shared work of `allow`/`block` and their `remove`/`list` subcommands; the kind is the only difference. */
abstract class EntryCommandSupport extends BaseCommand {

    static String defaultList(ListKind kind) {
        return kind == ListKind.ALLOW ? DestinationList.GLOBAL_ALLOW : DestinationList.GLOBAL_BLOCK;
    }

    ExitCode add(ListKind kind, String list, List<String> domains, NameArguments names, String comment, ActorOptions actor) {
        EntryChange change = ctx().lists().add(actor(actor), kind, Optional.ofNullable(list), names.collect(ctx(), domains),
                Optional.ofNullable(comment).filter(c -> !c.isBlank()));
        return ChangeReport.report(err(), change, kind == ListKind.ALLOW ? "Allowed" : "Blocked", "already there", ExitCode.OK);
    }

    ExitCode remove(ListKind kind, String list, List<String> domains, NameArguments names, ActorOptions actor) {
        EntryChange change = ctx().lists().remove(actor(actor), kind, Optional.ofNullable(list), names.collect(ctx(), domains));
        return ChangeReport.report(err(), change, "Removed", "not in the list", ExitCode.NOT_FOUND);
    }

    ExitCode show(ListKind kind, String list, PagingOptions paging, OutputOptions output) {
        String name = list == null ? defaultList(kind) : list;
        EntryRows.print(out(), err(), output.format(), ctx().lists().entries(name, paging.query(ctx().clock())), paging);
        return ExitCode.OK;
    }
}
