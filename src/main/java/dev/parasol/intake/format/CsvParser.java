package dev.parasol.intake.format;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser.Feature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CSV exports with a header row; the value column is found by name (Value, Indicator, Domain,
 * FQDN, URL, ...). ThreatConnect ({@code Type,Value,Rating,Confidence}, literal "null"; types
 * Host, URL, Address) and ThreatQ (types FQDN, URL, IP Address; Whitelisted and Expired rows
 * never imported) exports, and URLhaus CSV whose header is a '#' comment after a '#' banner.
 * Quoting is jackson-dataformat-csv's.
 */
public final class CsvParser implements FormatParser {
    static final List<String> VALUE_COLUMNS = List.of("value", "indicator", "domain", "fqdn", "url", "hostname", "host",
            "summary", "dstdomain", "ioc", "domain name");
    private static final Set<String> TYPE_COLUMNS = Set.of("type", "indicator type", "indicator_type");
    private static final Set<String> TAKEN_TYPES = Set.of("host", "url", "fqdn", "domain", "hostname", "domain name", "uri");
    private static final Set<String> NEVER_IMPORTED_STATUSES = Set.of("whitelisted", "expired");
    private static final int MAX_COLUMNS = 1000;

    @Override
    public void parse(InputStream in, IndicatorSink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
        long consumed = 0;
        String commentedHeader = null;
        String headerLine;
        while (true) {
            reader.mark(1 << 16);
            String line = reader.readLine();
            if (line == null) {
                return;
            }
            if (consumed == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            consumed++;
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("#")) {
                String inner = t.substring(1).strip();
                if (inner.contains(",") && valueColumn(split(inner)) >= 0) {
                    commentedHeader = inner;
                }
                continue;
            }
            if (valueColumn(split(t)) >= 0 || commentedHeader == null) {
                headerLine = t;
            } else {
                headerLine = commentedHeader;
                reader.reset();
                consumed--;
            }
            break;
        }
        List<String> header = split(headerLine);
        int valueColumn = valueColumn(header);
        if (valueColumn < 0) {
            throw new InvalidFormatException("no value column in the CSV header (expected one of " + String.join(", ", VALUE_COLUMNS) + ")");
        }
        int typeColumn = indexOf(header, TYPE_COLUMNS);
        int statusColumn = indexOf(header, Set.of("status"));
        CsvMapper mapper = new CsvMapper();
        mapper.enable(Feature.WRAP_AS_ARRAY);
        mapper.enable(Feature.SKIP_EMPTY_LINES);
        mapper.enable(Feature.TRIM_SPACES);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(reader)) {
            while (true) {
                String[] row;
                long line;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    row = rows.nextValue();
                    line = consumed + rows.getCurrentLocation().getLineNr() - (rows.getCurrentLocation().getColumnNr() <= 1 ? 1 : 0);
                } catch (IOException | RuntimeException e) {
                    sink.rejected(consumed + rows.getCurrentLocation().getLineNr(), "", "invalid CSV: " + firstLine(e.getMessage()));
                    return;
                }
                if (row.length == 0 || (row.length == 1 && row[0].isBlank()) || row[0].startsWith("#")) {
                    continue;
                }
                if (row.length > MAX_COLUMNS) {
                    sink.rejected(line, row[0], "more than " + MAX_COLUMNS + " columns");
                    continue;
                }
                String value = valueColumn < row.length ? row[valueColumn].strip() : "";
                if (value.isEmpty() || value.equalsIgnoreCase("null")) {
                    sink.rejected(line, String.join(",", row), "no value in column " + header.get(valueColumn));
                    continue;
                }
                if (typeColumn >= 0 && typeColumn < row.length && !row[typeColumn].isBlank()
                        && !TAKEN_TYPES.contains(row[typeColumn].strip().toLowerCase(Locale.ROOT))) {
                    sink.rejected(line, value, "indicator type " + row[typeColumn].strip() + " is not a domain or URL");
                    continue;
                }
                if (statusColumn >= 0 && statusColumn < row.length
                        && NEVER_IMPORTED_STATUSES.contains(row[statusColumn].strip().toLowerCase(Locale.ROOT))) {
                    sink.rejected(line, value, "status " + row[statusColumn].strip());
                    continue;
                }
                sink.indicator(Refang.refang(value), line, false);
            }
        }
    }

    static int valueColumn(List<String> header) {
        for (String wanted : VALUE_COLUMNS) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int indexOf(List<String> header, Set<String> names) {
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(header.get(i).strip().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** A header line's fields (headers are simple; quotes around names are removed). */
    static List<String> split(String line) {
        return java.util.Arrays.stream(line.split(",", -1)).map(s -> s.strip().replaceAll("^\"|\"$", "")).toList();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable row";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
