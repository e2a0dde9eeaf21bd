package dev.parasol.intake.format;

/**
 * Adblock / AdGuard DNS rules: "||d^" (with $options), "|http://d/"; '!' comments and
 * "[Adblock ...]" headers skipped; "@@" exceptions are reported, never imported; cosmetic,
 * regex and path rules are not domain rules. A bare domain line (AdGuard domain lists) is taken.
 */
public final class AdblockParser extends LineFormatParser {
    @Override
    void parseLine(String line, long number, IndicatorSink sink) {
        char first = line.charAt(0);
        if (first == '!' || first == '#' && !line.contains("##") || first == '[') {
            return;
        }
        if (line.startsWith("@@")) {
            sink.rejected(number, line, "allow-list exception (@@), not imported");
            return;
        }
        if (line.contains("##") || line.contains("#@#") || line.contains("#$#") || first == '/') {
            sink.rejected(number, line, "not a domain rule");
            return;
        }
        String rule = line;
        int options = rule.indexOf('$');
        if (options >= 0) {
            rule = rule.substring(0, options);
        }
        if (rule.startsWith("||")) {
            rule = rule.substring(2);
        } else if (rule.startsWith("|")) {
            rule = rule.substring(1);
            int scheme = rule.indexOf("://");
            if (scheme >= 0) {
                rule = rule.substring(scheme + 3);
            }
        }
        if (rule.endsWith("^")) {
            rule = rule.substring(0, rule.length() - 1);
        } else if (rule.endsWith("^|")) {
            rule = rule.substring(0, rule.length() - 2);
        }
        if (rule.endsWith("/")) {
            rule = rule.substring(0, rule.length() - 1);
        }
        if (rule.isEmpty() || rule.indexOf('/') >= 0 || rule.indexOf('*') >= 0 || rule.indexOf('^') >= 0) {
            sink.rejected(number, line, "not a domain rule");
            return;
        }
        sink.indicator(rule, number, false);
    }
}
