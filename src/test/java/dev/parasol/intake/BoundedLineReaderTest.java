package dev.parasol.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static List<String> lines(byte[] input, int max) throws Exception {
        List<String> out = new ArrayList<>();
        try (BoundedLineReader r = new BoundedLineReader(new ByteArrayInputStream(input), max)) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add((r.lastLineTooLong() ? "!" : "") + r.lineNumber() + ":" + line);
            }
        }
        return out;
    }

    private static List<String> lines(String input, int max) throws Exception {
        return lines(input.getBytes(StandardCharsets.UTF_8), max);
    }

    @Test
    void handlesLfCrlfCrBomAndAMissingFinalNewline() throws Exception {
        assertEquals(List.of("1:a.com", "2:b.com", "3:c.com", "4:", "5:d.com"),
                lines("\uFEFFa.com\r\nb.com\rc.com\n\nd.com", 100));
    }

    @Test
    void cutsOverlongLinesAndKeepsCounting() throws Exception {
        assertEquals(List.of("!1:abcd", "2:ok", "!3:wxyz"), lines("abcdefgh\nok\nwxyz12345", 4));
        assertEquals(List.of("1:abcd", "2:ok"), lines("abcd\nok\n", 4), "exactly the limit is fine");
    }

    @Test
    void linesThatStraddleTheReadBufferAreWhole() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("host").append(i).append(".example.com").append(i % 3 == 0 ? "\r\n" : "\n");
        }
        List<String> read = lines(sb.toString(), 4096);
        assertEquals(20_000, read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals((i + 1) + ":host" + i + ".example.com", read.get(i));
        }
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() throws Exception {
        List<String> read = lines(new byte[] {'a', (byte) 0xff, 'b', '\n'}, 100);
        assertEquals(List.of("1:a\uFFFDb"), read);
        assertTrue(read.get(0).contains("\uFFFD"));
        assertFalse(read.isEmpty());
    }

    @Test
    void emptyInputHasNoLines() throws Exception {
        try (BoundedLineReader r = new BoundedLineReader(new ByteArrayInputStream(new byte[0]), 10)) {
            assertNull(r.readLine());
        }
    }
}
