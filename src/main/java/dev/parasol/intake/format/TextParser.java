package dev.parasol.intake.format;

import dev.parasol.policy.DomainName;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free text: a report or e-mail pasted to stdin. Every URL and host name in the prose is taken,
 * after refanging (evil[.]com, hxxp://...). E-mail addresses are skipped, and so are names whose
 * last label is a common file extension (report.pdf, dropper.exe), which are files, not hosts.
 */
public final class TextParser extends LineFormatParser {
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?i)(?<![\\w@.-])((?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})(?::\\d{1,5})?(?:/[^\\s\"'<>)\\]]*)?)(?![\\w@-])");
    /** File extensions that look like TLDs in prose; a name ending in one is a file. */
    static final Set<String> FILE_EXTENSIONS = Set.of("pdf", "exe", "dll", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip",
            "rar", "txt", "js", "json", "png", "jpg", "jpeg", "gif", "html", "htm", "php", "asp", "aspx", "py", "sh", "bat",
            "ps1", "vbs", "jar", "bin", "dat", "log", "tmp", "iso", "img", "msi", "lnk", "hta", "csv", "xml", "yml", "yaml");

    @Override
    void parseLine(String line, long number, IndicatorSink sink) {
        Matcher m = CANDIDATE.matcher(Refang.refang(line));
        while (m.find()) {
            String value = m.group(1);
            String host = DomainName.hostOf(value);
            String last = host.substring(host.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (value.indexOf("://") < 0 && FILE_EXTENSIONS.contains(last)) {
                continue;
            }
            sink.indicator(trimPunctuation(value), number, false);
        }
    }

    private static String trimPunctuation(String s) {
        int end = s.length();
        while (end > 0 && ".,;:!?".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }
}
