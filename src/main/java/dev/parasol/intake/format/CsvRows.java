package dev.parasol.intake.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser.Feature;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV text one at a time, with the line each starts on (a quoted cell may span
 * lines). Quoting, CRLF and trimming are jackson-dataformat-csv's; blank rows and rows whose
 * first cell starts with '#' are passed over.
 */
final class CsvRows implements Closeable {
    /** A row beyond this many cells is reported, and its extra cells are not kept. */
    static final int MAX_COLUMNS = 1000;

    /** One record; {@code columns} counts every cell, {@code cells} keeps at most MAX_COLUMNS + 1. */
    record Row(long line, List<String> cells, int columns) {
        String cell(int column) {
            return column >= 0 && column < cells.size() ? cells.get(column).strip() : "";
        }
    }

    /** The input stops being CSV at {@code line} (an unclosed quote, a broken encoding, ...). */
    static final class BrokenCsvException extends Exception {
        final long line;

        BrokenCsvException(long line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final JsonParser parser;
    private final long linesBefore;
    private boolean started;
    /** The line of the first cell of the row being read, or -1 before it. */
    private long rowLine = -1;

    /** {@code linesBefore}: lines of the input already consumed before {@code reader}'s first line. */
    CsvRows(Reader reader, long linesBefore) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(Feature.WRAP_AS_ARRAY).enable(Feature.SKIP_EMPTY_LINES).enable(Feature.TRIM_SPACES);
        this.parser = mapper.getFactory().createParser(reader);
        this.linesBefore = linesBefore;
    }

    /** The next record, or null at the end. */
    Row next() throws BrokenCsvException {
        try {
            if (!started) {
                started = true;
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return null;
                }
            }
            while (true) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return null;
                }
                Row row = readRow();
                boolean blank = row.columns() == 0 || row.columns() == 1 && row.cells().get(0).isBlank();
                if (!blank && !row.cells().get(0).startsWith("#")) {
                    return row;
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unclosed quote is found at the end of the input: the row it opened in says more.
            long line = rowLine >= 0 ? rowLine : linesBefore + parser.currentLocation().getLineNr();
            throw new BrokenCsvException(line, firstLine(e.getMessage()));
        }
    }

    private Row readRow() throws IOException {
        List<String> cells = new ArrayList<>();
        rowLine = -1;
        int columns = 0;
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (rowLine < 0) {
                rowLine = linesBefore + parser.currentTokenLocation().getLineNr();
            }
            if (columns++ <= MAX_COLUMNS) {
                cells.add(parser.getText());
            }
        }
        long line = rowLine < 0 ? linesBefore + parser.currentLocation().getLineNr() : rowLine;
        rowLine = -1;
        return new Row(line, cells, columns);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable row";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
