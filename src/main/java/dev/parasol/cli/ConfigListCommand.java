package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.service.ConfigService.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List settings: value, where it comes from (env, store, default), the variable that overrides it.",
        footer = {"", "Example:", "  parasol config list -o json"})
public final class ConfigListCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        List<Value> rows = ctx().config().list();
        Printer.print(out(), err(), output.format(), rows, List.of(
                Printer.<Value>column("name", v -> v.setting().name()),
                Printer.<Value>column("value", Value::value),
                Printer.<Value>column("source", Value::source),
                Printer.<Value>column("env", v -> v.setting().env()),
                Printer.<Value>column("description", v -> v.setting().description())), v -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", v.setting().name());
                    m.put("value", v.value());
                    m.put("source", v.source());
                    m.put("env", v.setting().env());
                    m.put("description", v.setting().description());
                    return m;
                });
        return ExitCode.OK;
    }
}
