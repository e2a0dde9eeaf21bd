package dev.parasol.intake.format;

import java.util.List;
import java.util.Optional;

/**
 * Tells a text input from a binary one by its first bytes, so that a file imported by mistake
 * (an archive, an executable, random bytes) is refused whole instead of being mined for
 * real-looking names. Runs on the decompressed bytes; {@code --format} skips it.
 */
public final class TextCheck {
    /** Share of the sampled bytes in invalid UTF-8 sequences above which the input is not text. */
    private static final double MAX_INVALID_SHARE = 0.10;
    /** Fewer invalid bytes than this never refuse an input (a Latin-1 accent or two). */
    private static final int MIN_INVALID_BYTES = 16;

    private record Signature(String what, int offset, byte[] magic) {
        boolean matches(byte[] head) {
            if (head.length < offset + magic.length) {
                return false;
            }
            for (int i = 0; i < magic.length; i++) {
                if (head[offset + i] != magic[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Signature> SIGNATURES = List.of(
            sig("a ZIP archive or Office document", 0, 'P', 'K', 3, 4),
            sig("a ZIP archive", 0, 'P', 'K', 5, 6),
            sig("a PDF document", 0, '%', 'P', 'D', 'F', '-'),
            sig("an ELF executable", 0, 0x7f, 'E', 'L', 'F'),
            sig("a PNG image", 0, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'),
            sig("a JPEG image", 0, 0xff, 0xd8, 0xff),
            sig("a GIF image", 0, 'G', 'I', 'F', '8'),
            sig("a WebP image", 8, 'W', 'E', 'B', 'P'),
            sig("a TIFF image", 0, 'I', 'I', '*', 0),
            sig("a TIFF image", 0, 'M', 'M', 0, '*'),
            sig("an old Office (OLE) document", 0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1),
            sig("a 7-Zip archive", 0, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c),
            sig("a RAR archive", 0, 'R', 'a', 'r', '!', 0x1a, 0x07),
            sig("an xz archive", 0, 0xfd, '7', 'z', 'X', 'Z', 0),
            sig("a bzip2 archive", 4, '1', 'A', 'Y', '&', 'S', 'Y'),
            sig("a zstd archive", 0, 0x28, 0xb5, 0x2f, 0xfd),
            sig("a Java class or Mach-O universal binary", 0, 0xca, 0xfe, 0xba, 0xbe),
            sig("a Mach-O executable", 0, 0xcf, 0xfa, 0xed, 0xfe),
            sig("a Mach-O executable", 0, 0xce, 0xfa, 0xed, 0xfe),
            sig("an SQLite database", 0, 'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', 0));

    private TextCheck() {
    }

    private static Signature sig(String what, int offset, int... magic) {
        byte[] bytes = new byte[magic.length];
        for (int i = 0; i < magic.length; i++) {
            bytes[i] = (byte) magic[i];
        }
        return new Signature(what, offset, bytes);
    }

    /** Why {@code head} (the first bytes of an input) is not text, or empty if it is. */
    public static Optional<String> whyNotText(byte[] head) {
        for (Signature s : SIGNATURES) {
            if (s.matches(head)) {
                return Optional.of("not text: it looks like " + s.what());
            }
        }
        if (head.length >= 2 && (head[0] == (byte) 0xff && head[1] == (byte) 0xfe || head[0] == (byte) 0xfe && head[1] == (byte) 0xff)) {
            return Optional.of("not UTF-8: UTF-16 text (convert it to UTF-8)");
        }
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                return Optional.of("not text: a NUL byte at offset " + i);
            }
        }
        int invalid = invalidUtf8Bytes(head);
        if (invalid >= MIN_INVALID_BYTES && invalid > head.length * MAX_INVALID_SHARE) {
            return Optional.of("not text: " + invalid + " of its first " + head.length + " bytes are not valid UTF-8");
        }
        return Optional.empty();
    }

    /** Bytes in invalid UTF-8 sequences; a sequence cut off by the end of the sample is not counted. */
    static int invalidUtf8Bytes(byte[] b) {
        int invalid = 0;
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int len;
            if (c < 0x80) {
                i++;
                continue;
            } else if (c >= 0xc2 && c <= 0xdf) {
                len = 2;
            } else if (c >= 0xe0 && c <= 0xef) {
                len = 3;
            } else if (c >= 0xf0 && c <= 0xf4) {
                len = 4;
            } else {
                invalid++;
                i++;
                continue;
            }
            if (i + len > b.length) {
                break;
            }
            int j = 1;
            while (j < len && (b[i + j] & 0xc0) == 0x80) {
                j++;
            }
            if (j < len) {
                invalid += j;
                i += j;
            } else {
                i += len;
            }
        }
        return invalid;
    }
}
