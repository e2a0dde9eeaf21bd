package dev.parasol.intake.format;

/** dnsmasq rules: server=/d/, address=/d/0.0.0.0, local=/d/, several domains in one rule. */
public final class DnsmasqParser extends LineFormatParser {
    @Override
    void parseLine(String line, long number, IndicatorSink sink) {
        if (line.charAt(0) == '#') {
            return;
        }
        String content = withoutComment(line);
        int eq = content.indexOf('=');
        String key = eq < 0 ? "" : content.substring(0, eq).strip();
        String rest = eq < 0 ? "" : content.substring(eq + 1).strip();
        if (!(key.equals("server") || key.equals("address") || key.equals("local")) || !rest.startsWith("/")) {
            sink.rejected(number, line, "not a dnsmasq domain rule");
            return;
        }
        int end = rest.lastIndexOf('/');
        String[] domains = rest.substring(1, Math.max(1, end)).split("/");
        boolean any = false;
        for (String d : domains) {
            if (!d.isBlank()) {
                sink.indicator(d.strip(), number, false);
                any = true;
            }
        }
        if (!any) {
            sink.rejected(number, line, "not a dnsmasq domain rule");
        }
    }
}
