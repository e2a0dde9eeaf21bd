package dev.parasol.cli;

import dev.parasol.ExitCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List settings and their values.", footer = {"", "Example:", "  parasol config list -o json"})
public final class ConfigListCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        List<Map.Entry<String, String>> rows = List.copyOf(ctx().config().list().entrySet());
        Printer.print(out(), err(), output.format(), rows, List.of(
                Printer.<Map.Entry<String, String>>column("name", Map.Entry::getKey),
                Printer.<Map.Entry<String, String>>column("value", Map.Entry::getValue)), e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", e.getKey());
                    m.put("value", e.getValue());
                    return m;
                });
        return ExitCode.OK;
    }
}
