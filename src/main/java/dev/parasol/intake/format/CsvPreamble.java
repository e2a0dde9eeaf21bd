package dev.parasol.intake.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

/**
 * What comes before a CSV's first record: a byte-order mark, blank lines and '#' comments such
 * as URLhaus's banner, whose last comment line may be the header ({@code # id,dateadded,url,...}).
 *
 * @param lines           lines consumed, so record line numbers count from the top of the input
 * @param commentedHeader the fields of the last comment line with a comma, or null
 * @param namingHeader    the fields of the last comment line naming a value column, or null
 */
record CsvPreamble(long lines, List<String> commentedHeader, List<String> namingHeader) {
    /** Leading blanks looked at to tell a comment from a record; a record may start after more. */
    private static final int PEEK = 4096;

    /** Reads the preamble; {@code reader} is left at the start of the first record's line. */
    static CsvPreamble skip(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        long lines = 0;
        List<String> commented = null;
        List<String> naming = null;
        while (true) {
            reader.mark(PEEK + 1);
            int c;
            int read = 0;
            do {
                c = reader.read();
            } while ((c == ' ' || c == '\t') && ++read < PEEK);
            if (c == '#') {
                String comment = reader.readLine();
                String inner = comment == null ? "" : comment.strip();
                if (inner.contains(",")) {
                    commented = CsvParser.split(inner);
                    naming = CsvColumns.valueColumnByName(commented).isPresent() ? commented : naming;
                }
            } else if (c == '\r') {
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
            } else if (c != '\n') {
                reader.reset();
                return new CsvPreamble(lines, commented, naming);
            }
            lines++;
        }
    }
}
