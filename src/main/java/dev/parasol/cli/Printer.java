package dev.parasol.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.parasol.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders records as an aligned table, a JSON array or CSV. The JSON shape of each record is
 * given explicitly (documented in docs/json.md), never derived from internal classes.
 */
public final class Printer {
    private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Printer() {
    }

    public record Column<T>(String header, Function<T, ?> value) {
    }

    public static <T> Column<T> column(String header, Function<T, ?> value) {
        return new Column<>(header, value);
    }

    public static <T> void print(PrintWriter out, PrintWriter err, OutputFormat format, List<T> rows, List<Column<T>> columns,
                                 Function<T, Map<String, Object>> json) {
        switch (format) {
            case json -> printJson(out, rows.stream().map(json).toList());
            case csv -> printCsv(out, columns.stream().map(Column::header).toList(),
                    rows.stream().map(r -> columns.stream().map(c -> cell(c.value().apply(r))).toList()).toList());
            case table -> {
                if (rows.isEmpty()) {
                    err.println("(none)");
                    return;
                }
                printTable(out, columns.stream().map(c -> c.header().toUpperCase(java.util.Locale.ROOT)).toList(),
                        rows.stream().map(r -> columns.stream().map(c -> cell(c.value().apply(r))).toList()).toList());
            }
        }
    }

    public static void printJson(PrintWriter out, Object value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    public static void printCsv(PrintWriter out, List<String> headers, List<List<String>> rows) {
        printCsv(out, headers, rows, false);
    }

    /** {@code quoteAll}: quote every field, as Umbrella's own CSV exports do. */
    public static void printCsv(PrintWriter out, List<String> headers, List<List<String>> rows, boolean quoteAll) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        headers.forEach(schema::addColumn);
        CsvMapper mapper = new CsvMapper();
        // the writer is the command's stdout, which the shell keeps using after this command
        mapper.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (quoteAll) {
            mapper.enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
            mapper.enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS);
        }
        try (SequenceWriter w = mapper.writer(schema.build()).writeValues(out)) {
            for (List<String> row : rows) {
                w.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    public static void printTable(PrintWriter out, List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        StringBuilder sb = new StringBuilder();
        for (List<String> row : all) {
            sb.setLength(0);
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                sb.append(cell);
                if (i < widths.length - 1) {
                    sb.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** A value as text in a table or CSV cell. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Optional<?> o) {
            return o.map(Printer::cell).orElse("");
        }
        if (value instanceof Instant t) {
            return TABLE_TIME.format(t);
        }
        if (value instanceof Collection<?> c) {
            return String.join(", ", c.stream().map(Printer::cell).toList());
        }
        return value.toString();
    }

    /** Instants in JSON: ISO-8601 UTC strings. */
    public static String iso(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
