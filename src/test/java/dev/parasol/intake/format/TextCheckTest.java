package dev.parasol.intake.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextCheckTest {

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length + 64];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        Arrays.fill(out, b.length, out.length, (byte) 'a');
        return out;
    }

    @Test
    void textInEveryEncodingWeReadPasses() {
        assertEquals(Optional.empty(), TextCheck.whyNotText("a.bad.xyz\r\nb.bad.xyz\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), TextCheck.whyNotText("\uFEFFType,Value\nHost,bücher.example\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), TextCheck.whyNotText(new byte[0]));
        // A few Latin-1 accents in descriptions are not "invalid UTF-8 in quantity".
        String latin1 = "Type,Value,Description\n" + "Host,c2.bad.xyz,Serveur de contrôle café\n".repeat(20);
        assertEquals(Optional.empty(), TextCheck.whyNotText(latin1.getBytes(StandardCharsets.ISO_8859_1)));
        // A multi-byte character cut off by the end of the sample is not an error.
        byte[] cut = Arrays.copyOf("a.bad.xyz ü".getBytes(StandardCharsets.UTF_8), 11);
        assertEquals(Optional.empty(), TextCheck.whyNotText(cut));
    }

    @Test
    void knownBinarySignaturesAreNamed() {
        assertTrue(TextCheck.whyNotText(bytes('P', 'K', 3, 4)).orElseThrow().contains("ZIP"));
        assertTrue(TextCheck.whyNotText(bytes('%', 'P', 'D', 'F', '-', '1')).orElseThrow().contains("PDF"));
        assertTrue(TextCheck.whyNotText(bytes(0x7f, 'E', 'L', 'F')).orElseThrow().contains("ELF"));
        assertTrue(TextCheck.whyNotText(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n')).orElseThrow().contains("PNG"));
        assertTrue(TextCheck.whyNotText(bytes(0xff, 0xd8, 0xff, 0xe0)).orElseThrow().contains("JPEG"));
        assertTrue(TextCheck.whyNotText(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)).orElseThrow().contains("Office"));
        assertTrue(TextCheck.whyNotText(bytes(0xff, 0xfe, 'a', 0)).orElseThrow().contains("UTF-16"));
    }

    @Test
    void nulBytesAndInvalidUtf8InQuantityAreNotText() {
        assertTrue(TextCheck.whyNotText("a.bad.xyz\n\0b.bad.xyz\n".getBytes(StandardCharsets.UTF_8)).orElseThrow().contains("NUL byte at offset 10"));
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == 0) {
                noise[i] = 1;
            }
        }
        assertTrue(TextCheck.whyNotText(noise).orElseThrow().contains("not valid UTF-8"));
    }
}
