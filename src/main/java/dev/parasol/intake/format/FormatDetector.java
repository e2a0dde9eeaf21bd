package dev.parasol.intake.format;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Guesses the format from the first bytes of the (decompressed) input and the file name. */
public final class FormatDetector {
    private static final int SAMPLE_LINES = 50;

    private FormatDetector() {
    }

    public static FormatParser parserFor(Format format) {
        return switch (format) {
            case PLAIN -> new PlainParser();
            case HOSTS -> new HostsParser();
            case ADBLOCK -> new AdblockParser();
            case DNSMASQ -> new DnsmasqParser();
            case CSV -> new CsvParser();
            case EVENTS -> new EventsParser();
            case STIX -> new StixParser();
            case MISP -> new MispParser();
            case TEXT -> new TextParser();
        };
    }

    public static Format detect(byte[] head, Optional<String> fileName) {
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String trimmed = text.stripLeading();
        String name = fileName.map(n -> n.toLowerCase(Locale.ROOT)).orElse("");
        if (trimmed.startsWith("{") || trimmed.startsWith("[") && !trimmed.startsWith("[Adblock") && !trimmed.startsWith("[AdGuard")) {
            return detectJson(trimmed);
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        int adblock = 0;
        int dnsmasq = 0;
        int hosts = 0;
        int csv = 0;
        int single = 0;
        int lines = 0;
        boolean csvHeader = false;
        boolean commentedCsvHeader = false;
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#") || line.startsWith("!")) {
                String inner = line.substring(1).strip();
                if (line.startsWith("#") && inner.contains(",") && CsvColumns.valueColumnByName(CsvParser.split(inner)).isPresent()) {
                    commentedCsvHeader = true;
                }
                if (line.startsWith("!")) {
                    adblock++;
                }
                continue;
            }
            if (lines == 0 && line.contains(",") && CsvColumns.valueColumnByName(CsvParser.split(line)).isPresent()) {
                csvHeader = true;
            }
            if (++lines > SAMPLE_LINES) {
                break;
            }
            if (line.startsWith("||") || line.startsWith("@@") || line.startsWith("[Adblock") || line.endsWith("^")) {
                adblock++;
            } else if (line.startsWith("server=/") || line.startsWith("address=/") || line.startsWith("local=/")) {
                dnsmasq++;
            } else if (line.split("\\s+").length >= 2 && HostsParser.isAddress(line.split("\\s+")[0])) {
                hosts++;
            } else if (line.contains(",")) {
                csv++;
            } else if (line.split("\\s+").length == 1) {
                single++;
            }
        }
        if (csvHeader || commentedCsvHeader && csv > 0 || csv > 0 && CsvParser.looksLikeCsv(text, true)) {
            return Format.CSV;
        }
        int half = Math.max(1, lines / 2);
        if (adblock >= half) {
            return Format.ADBLOCK;
        }
        if (dnsmasq >= half) {
            return Format.DNSMASQ;
        }
        if (hosts >= half) {
            return Format.HOSTS;
        }
        if (csv >= half && CsvParser.looksLikeCsv(text, false)) {
            return Format.CSV;
        }
        if (single >= half || lines == 0) {
            return Format.PLAIN;
        }
        return Format.TEXT;
    }

    private static Format detectJson(String text) {
        if (text.contains("\"spec_version\"") || text.matches("(?s).*\"type\"\\s*:\\s*\"bundle\".*")
                || text.contains("[domain-name:") || text.contains("\"pattern\"")) {
            return Format.STIX;
        }
        if (text.contains("\"Event\"") || text.contains("\"Attribute\"")) {
            return Format.MISP;
        }
        return Format.EVENTS;
    }
}
