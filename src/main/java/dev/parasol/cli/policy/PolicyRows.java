package dev.parasol.cli.policy;

import dev.parasol.cli.OutputFormat;
import dev.parasol.cli.Printer;
import dev.parasol.service.PolicyView;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class PolicyRows {
    private PolicyRows() {
    }

    static void print(PrintWriter out, PrintWriter err, OutputFormat format, List<PolicyView> views) {
        Printer.print(out, err, format, views, List.of(
                Printer.<PolicyView>column("#", PolicyView::position),
                Printer.<PolicyView>column("name", PolicyView::name),
                Printer.<PolicyView>column("identities", PolicyView::identities),
                Printer.<PolicyView>column("securitySetting", PolicyView::securitySetting),
                Printer.<PolicyView>column("enforces", PolicyView::enforcedIntegrations),
                Printer.<PolicyView>column("lists", PolicyView::lists)), PolicyRows::json);
    }

    static Map<String, Object> json(PolicyView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("position", v.position());
        m.put("name", v.name());
        m.put("default", v.isDefault());
        m.put("identities", v.identities());
        m.put("securitySetting", v.securitySetting());
        m.put("enforcedIntegrations", v.enforcedIntegrations());
        m.put("lists", v.lists());
        return m;
    }
}
