package dev.parasol.cli.lists;

import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.service.ListView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List destination lists with their kind, owner, size and policies.",
        footer = {"", "Example:", "  parasol destination-list list -o json"})
public final class DestinationListListCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        Printer.print(out(), err(), output.format(), ctx().lists().list(), List.of(
                Printer.<ListView>column("name", v -> v.list().name()),
                Printer.<ListView>column("kind", v -> v.list().kind().label()),
                Printer.<ListView>column("type", v -> v.list().typeLabel()),
                Printer.<ListView>column("entries", ListView::entries),
                Printer.<ListView>column("policies", v -> v.list().global() ? List.of("(all)") : v.policies())),
                DestinationListListCommand::json);
        return ExitCode.OK;
    }

    static Map<String, Object> json(ListView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.list().name());
        m.put("kind", v.list().kind().label());
        m.put("type", v.list().typeLabel());
        m.put("entries", v.entries());
        m.put("policies", v.policies());
        return m;
    }
}
