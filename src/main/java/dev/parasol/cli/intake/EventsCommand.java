package dev.parasol.cli.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.ExitCode;
import dev.parasol.cli.BaseCommand;
import dev.parasol.cli.LimitOptions;
import dev.parasol.cli.OutputOptions;
import dev.parasol.cli.Printer;
import dev.parasol.service.EventService.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "events", description = {"Show the events the receiver accepted for an integration, newest first, as the TIP sent them.",
                "A request is accepted whole when it is well-formed; 'refused' gives the reason for each event whose domain was then refused."},
        footer = {"", "Examples:", "  parasol events threatq", "  parasol events threatq --limit 10 -o json"})
public final class EventsCommand extends BaseCommand {
    @Parameters(paramLabel = "INTEGRATION")
    String integration;

    @Mixin
    LimitOptions page;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() {
        List<Event> events = ctx().events().latest(integration, page.limit(), page.offset());
        Printer.print(out(), err(), output.format(), events, List.of(
                Printer.<Event>column("received", Event::receivedAt),
                Printer.<Event>column("dstDomain", e -> field(e, "dstDomain")),
                Printer.<Event>column("dstUrl", e -> field(e, "dstUrl")),
                Printer.<Event>column("providerName", e -> field(e, "providerName")),
                Printer.<Event>column("eventType", e -> field(e, "eventType")),
                Printer.<Event>column("refused", e -> e.refused().orElse(""))), e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("request", e.request());
                    m.put("requestId", e.requestId().orElse(null));
                    m.put("receivedAt", Printer.iso(e.receivedAt()));
                    m.put("event", e.event());
                    m.put("refused", e.refused().orElse(null));
                    return m;
                });
        return ExitCode.OK;
    }

    private static String field(Event e, String name) {
        JsonNode v = e.event().get(name);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
