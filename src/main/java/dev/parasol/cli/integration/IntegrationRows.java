package dev.parasol.cli.integration;

import dev.parasol.cli.OutputFormat;
import dev.parasol.cli.Printer;
import dev.parasol.service.IntegrationView;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How integrations print: `integrations -o json` is a documented shape. */
final class IntegrationRows {
    private IntegrationRows() {
    }

    static void print(PrintWriter out, PrintWriter err, OutputFormat format, List<IntegrationView> views) {
        Printer.print(out, err, format, views, List.of(
                Printer.<IntegrationView>column("name", v -> v.integration().name()),
                Printer.<IntegrationView>column("provider", v -> v.integration().displayName()),
                Printer.<IntegrationView>column("enabled", v -> v.integration().enabled() ? "yes" : "no"),
                Printer.<IntegrationView>column("mode", IntegrationView::mode),
                Printer.<IntegrationView>column("domains", IntegrationView::domains),
                Printer.<IntegrationView>column("list", v -> v.integration().listName()),
                Printer.<IntegrationView>column("url", IntegrationView::url)), IntegrationRows::json);
    }

    static Map<String, Object> json(IntegrationView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.integration().name());
        m.put("displayName", v.integration().displayName());
        m.put("enabled", v.integration().enabled());
        m.put("mode", v.mode());
        m.put("url", v.url().isEmpty() ? null : v.url());
        m.put("domains", v.domains());
        m.put("list", v.integration().listName());
        m.put("category", v.integration().category());
        m.put("account", v.integration().accountName());
        return m;
    }
}
