package dev.parasol.intake.format;

import dev.parasol.intake.format.CsvRows.BrokenCsvException;
import dev.parasol.intake.format.CsvRows.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * CSV exports as vendors write them: ThreatConnect ({@code Type,Value,Rating,Confidence}, literal
 * "null"; types Host, URL, Address), ThreatQ (types FQDN, URL, IP Address; Whitelisted and Expired
 * rows never imported), MISP, OpenCTI, OTX, ThreatStream, CrowdStrike, Splunk lookups, and URLhaus
 * CSV whose header is a '#' comment after a '#' banner. {@link CsvColumns} finds the value, type
 * and status columns from the header and the first {@value CsvColumns#SAMPLE_ROWS} rows, which are
 * held in memory until then; the rest is streamed. Rows whose type is not a domain or URL are
 * reported as {@value #SKIPPED_BY_TYPE} and never read for names. Quoting is jackson-dataformat-csv's.
 */
public final class CsvParser implements FormatParser {
    /**
     * The reason of a row whose type column says it is not a domain or URL, followed by the type
     * in parentheses: summaries count them under this one reason, and
     * {@code parasol rejected I --reason "skipped by type (md5"} narrows to one type.
     */
    static final String SKIPPED_BY_TYPE = "skipped by type";
    private static final Set<String> NEVER_IMPORTED_STATUSES = Set.of("whitelisted", "expired");
    /** Characters of sampled cells kept at most, whatever the number of rows. */
    private static final long SAMPLE_CHARS = 4L << 20;
    /** Records read from the detection sample. */
    private static final int DETECTION_ROWS = 50;
    /** Header names are short: a longer first cell is a sentence, not a column name. */
    private static final int MAX_HEADER_NAME = 64;

    @Override
    public void parse(InputStream in, IndicatorSink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
        CsvPreamble preamble = CsvPreamble.skip(reader);
        try (CsvRows rows = new CsvRows(reader, preamble.lines())) {
            // The first record (the header, or already data) and the sample after it.
            List<Row> records = new ArrayList<>();
            BrokenCsvException broken = read(rows, records, CsvColumns.SAMPLE_ROWS + 1);
            if (!records.isEmpty()) {
                Row first = records.get(0);
                if (first.columns() > CsvRows.MAX_COLUMNS) {
                    throw new InvalidFormatException("the CSV's first row has more than " + CsvRows.MAX_COLUMNS + " columns");
                }
                Header header = header(first, preamble);
                List<Row> sample = header.firstRowIsData() ? records : records.subList(1, records.size());
                // A header without rows has no column to find, and nothing to import.
                if (!sample.isEmpty() || CsvColumns.valueColumnByName(header.names()).isPresent()) {
                    CsvColumns columns = CsvColumns.choose(header.names(), sample.stream().map(Row::cells).toList());
                    Predicate<String> taken = IndicatorTypes.takenMemo();
                    sample.forEach(row -> take(row, columns, taken, sink));
                    records.clear();
                    broken = broken != null ? broken : takeTheRest(rows, columns, taken, sink);
                }
            }
            if (broken != null) {
                sink.rejected(broken.line, "", "invalid CSV: " + broken.getMessage());
            }
        }
    }

    private record Header(List<String> names, boolean firstRowIsData) {
    }

    /**
     * The first record is the header, unless it is data (a cell is an indicator, or a '#' comment
     * before it names the value column, as URLhaus's does): then that comment line is the header,
     * or else one as wide as the row, or else the columns are numbered.
     */
    private static Header header(Row first, CsvPreamble preamble) {
        boolean data = CsvColumns.looksLikeData(first.cells());
        if (preamble.namingHeader() != null && (data || CsvColumns.valueColumnByName(first.cells()).isEmpty())) {
            return new Header(preamble.namingHeader(), true);
        }
        if (data) {
            List<String> commented = preamble.commentedHeader();
            boolean fits = commented != null && commented.size() == first.columns();
            return new Header(fits ? commented : CsvColumns.numbered(first.columns()), true);
        }
        return new Header(first.cells(), false);
    }

    /** Adds up to {@code max} records; returns the error that ended the input early, if one did. */
    private static BrokenCsvException read(CsvRows rows, List<Row> records, int max) {
        long chars = 0;
        try {
            Row row;
            while (records.size() < max && chars < SAMPLE_CHARS && (row = rows.next()) != null) {
                records.add(row);
                chars += row.cells().stream().mapToLong(String::length).sum();
            }
            return null;
        } catch (BrokenCsvException e) {
            return e;
        }
    }

    private static BrokenCsvException takeTheRest(CsvRows rows, CsvColumns columns, Predicate<String> taken, IndicatorSink sink) {
        try {
            for (Row row = rows.next(); row != null; row = rows.next()) {
                take(row, columns, taken, sink);
            }
            return null;
        } catch (BrokenCsvException e) {
            return e;
        }
    }

    /** {@code taken}: whether a type cell names a domain or URL type. */
    private static void take(Row row, CsvColumns columns, Predicate<String> taken, IndicatorSink sink) {
        long line = row.line();
        if (row.columns() > CsvRows.MAX_COLUMNS) {
            sink.rejected(line, row.cell(0), "more than " + CsvRows.MAX_COLUMNS + " columns");
            return;
        }
        String value = row.cell(columns.value());
        if (value.isEmpty() || value.equalsIgnoreCase("null")) {
            sink.rejected(line, String.join(",", row.cells()), "no value in column " + columns.name(columns.value()));
            return;
        }
        String type = row.cell(columns.type());
        if (!type.isEmpty() && !type.equalsIgnoreCase("null")) {
            if (!taken.test(type)) {
                sink.rejected(line, value, SKIPPED_BY_TYPE + " (" + type + ")");
                return;
            }
            value = IndicatorTypes.nameOfComposite(type, value).orElse(value);
        }
        String status = row.cell(columns.status());
        if (NEVER_IMPORTED_STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
            sink.rejected(line, value, "status " + status);
            return;
        }
        sink.indicator(Refang.refang(value), line, false);
    }

    /**
     * For detection: the sample reads as CSV whose columns can be found: (nearly) every record
     * as wide as the first, and a column holding an indicator in at least half of the rows. With
     * {@code headerRequired}, the first record must also be a header of short names that are not
     * indicators (a header the parser may not know by name). Prose with commas fails: its cells
     * are never whole indicators.
     */
    static boolean looksLikeCsv(String text, boolean headerRequired) {
        List<Row> records = detectionRecords(text);
        if (records.size() < 2 || records.get(0).columns() < 2) {
            return false;
        }
        Row first = records.get(0);
        boolean headed = !CsvColumns.looksLikeData(first.cells());
        if (headerRequired && !(headed && isHeaderOfNames(first))) {
            return false;
        }
        List<Row> rows = headed ? records.subList(1, records.size()) : records;
        long sameWidth = rows.stream().filter(r -> r.columns() == first.columns()).count();
        if (sameWidth * 10 < rows.size() * 9L) {
            return false;
        }
        List<List<String>> data = rows.stream().map(Row::cells).toList();
        return CsvColumns.valueColumnByContent(first.columns(), data)
                .stream().anyMatch(c -> CsvColumns.rowsWithIndicators(data, c) * 2 >= data.size());
    }

    /** The sample's first records, without one the sample cuts short. */
    private static List<Row> detectionRecords(String text) {
        List<Row> records = new ArrayList<>();
        boolean cutShort = !text.endsWith("\n") && !text.endsWith("\r");
        try (BufferedReader reader = new BufferedReader(new StringReader(text));
             CsvRows rows = new CsvRows(reader, CsvPreamble.skip(reader).lines())) {
            cutShort |= read(rows, records, DETECTION_ROWS + 1) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (cutShort && records.size() > 2) {
            records.remove(records.size() - 1);
        }
        return records;
    }

    private static boolean isHeaderOfNames(Row row) {
        return row.columns() <= CsvRows.MAX_COLUMNS && row.cells().stream().allMatch(c -> !c.isBlank() && c.length() <= MAX_HEADER_NAME);
    }

    /** A header line's fields (headers are simple; quotes around names are removed). */
    static List<String> split(String line) {
        return Arrays.stream(line.split(",", -1)).map(s -> s.strip().replaceAll("^\"|\"$", "")).toList();
    }
}
