package dev.parasol.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of at most {@code maxLength} characters: a longer line is cut there and
 * flagged, the rest of it skipped without being held in memory, so one hostile line cannot
 * exhaust the heap. Input is UTF-8; malformed bytes become U+FFFD (and then fail
 * validation with a reason) rather than aborting the read. A leading BOM is dropped.
 */
public final class BoundedLineReader implements AutoCloseable {
    public static final int DEFAULT_MAX_LENGTH = 4096;

    private final Reader in;
    private final int maxLength;
    private final char[] buffer = new char[64 * 1024];
    private int pos;
    private int limit;
    private long lineNumber;
    private boolean lastTooLong;
    private boolean first = true;

    public BoundedLineReader(InputStream in, int maxLength) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.maxLength = maxLength;
    }

    /** The next line without its terminator (\n, \r\n or \r), or null at the end. */
    public String readLine() throws IOException {
        // Fast path: the whole line is already in the buffer.
        for (int i = pos; i < limit && i - pos <= maxLength; i++) {
            char c = buffer[i];
            if (c == '\n' || (c == '\r' && i + 1 < limit)) {
                String line = new String(buffer, pos, i - pos);
                pos = (c == '\r' && buffer[i + 1] == '\n') ? i + 2 : i + 1;
                lastTooLong = false;
                return counted(line);
            }
        }
        return readLineSlowly();
    }

    private String counted(String line) {
        lineNumber++;
        if (first) {
            first = false;
            if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                return line.substring(1);
            }
        }
        return line;
    }

    private String readLineSlowly() throws IOException {
        StringBuilder line = new StringBuilder(64);
        boolean sawAny = false;
        lastTooLong = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
            }
            sawAny = true;
            char c = buffer[pos++];
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                if (pos == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        break;
                    }
                }
                if (buffer[pos] == '\n') {
                    pos++;
                }
                break;
            }
            if (line.length() < maxLength) {
                line.append(c);
            } else {
                lastTooLong = true;
            }
        }
        return counted(line.toString());
    }

    /** Whether the line just returned was longer than the limit (and so was cut). */
    public boolean lastLineTooLong() {
        return lastTooLong;
    }

    /** 1-based number of the line just returned. */
    public long lineNumber() {
        return lineNumber;
    }

    public int maxLength() {
        return maxLength;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
