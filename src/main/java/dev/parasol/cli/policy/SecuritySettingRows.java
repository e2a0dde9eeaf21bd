package dev.parasol.cli.policy;

import dev.parasol.cli.OutputFormat;
import dev.parasol.cli.Printer;
import dev.parasol.service.SecuritySettingView;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class SecuritySettingRows {
    private SecuritySettingRows() {
    }

    static void print(PrintWriter out, PrintWriter err, OutputFormat format, List<SecuritySettingView> views) {
        Printer.print(out, err, format, views, List.of(
                Printer.<SecuritySettingView>column("name", SecuritySettingView::name),
                Printer.<SecuritySettingView>column("integrations", SecuritySettingView::integrations),
                Printer.<SecuritySettingView>column("policies", SecuritySettingView::policies)), v -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", v.name());
                    m.put("integrations", v.integrations());
                    m.put("policies", v.policies());
                    return m;
                });
    }
}
