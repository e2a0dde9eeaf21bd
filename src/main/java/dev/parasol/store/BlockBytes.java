package dev.parasol.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Varints, strings and deflate for what the store keeps in blocks: activity block parts and entry runs' names. */
final class BlockBytes {
    /** Shared by activity blocks and entry runs, so it names neither. */
    private static final String TRUNCATED = "truncated stored block";

    private BlockBytes() {
    }

    /** A growable byte buffer with varint and string writers. */
    static final class Writer {
        private byte[] buf = new byte[1 << 12];
        private int size;

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        /** Small negative numbers stay small (time deltas of logs that step back). */
        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            bytes(b, b.length);
        }

        void bytes(byte[] b, int n) {
            ensure(n);
            System.arraycopy(b, 0, buf, size, n);
            size += n;
        }

        void longFixed(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                buf[size++] = (byte) (v >>> (8 * i));
            }
        }

        /** {@code count} values of {@code width} bytes each, little-endian: read in place, no decoding. */
        void fixed(int count, int width, java.util.function.IntUnaryOperator value) {
            ensure(count * width);
            for (int i = 0; i < count; i++) {
                int v = value.applyAsInt(i);
                for (int k = 0; k < width; k++) {
                    buf[size++] = (byte) (v >>> (8 * k));
                }
            }
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(buf, size);
        }

        /** Fast deflate: blocks are written once per import batch and read by every search. */
        byte[] deflated() {
            Deflater d = new Deflater(Deflater.BEST_SPEED);
            try {
                d.setInput(buf, 0, size);
                d.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream(size / 3 + 64);
                byte[] chunk = new byte[1 << 16];
                while (!d.finished()) {
                    int n = d.deflate(chunk);
                    out.write(chunk, 0, n);
                }
                return out.toByteArray();
            } finally {
                d.end();
            }
        }
    }

    /**
     * Fast deflate of the writer's bytes with a deflater reused across the sections of a block,
     * into one array of deflate's worst case (a block has hundreds of small sections).
     */
    static byte[] deflate(Deflater d, Writer raw) {
        d.reset();
        d.setInput(raw.buf, 0, raw.size);
        d.finish();
        byte[] out = new byte[raw.size + (raw.size >> 8) + 64];
        int n = 0;
        while (!d.finished()) {
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            n += d.deflate(out, n, out.length - n);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** A section of {@code stored} that inflates to exactly {@code rawLength} bytes. */
    static Reader inflated(byte[] stored, int offset, int length, int rawLength) {
        return inflate(stored, offset, length, rawLength, true);
    }

    /** A whole deflated value of unknown inflated size. */
    static Reader inflated(byte[] compressed) {
        return inflate(compressed, 0, compressed.length, Math.max(1 << 12, compressed.length * 4), false);
    }

    /** With {@code exact}, exactly {@code capacity} bytes are expected; else until the stream ends, growing as needed. */
    private static Reader inflate(byte[] in, int offset, int length, int capacity, boolean exact) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in, offset, length);
            byte[] out = new byte[capacity];
            int size = 0;
            while (exact ? size < capacity : !inf.finished()) {
                if (size == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                int n = inf.inflate(out, size, out.length - size);
                if (n == 0 && ((exact && inf.finished()) || inf.needsInput() || inf.needsDictionary())) {
                    throw new IllegalStateException(TRUNCATED);
                }
                size += n;
            }
            return new Reader(out, size);
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt stored block: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    static final class Reader {
        private final byte[] buf;
        private final int end;
        private int pos;

        Reader(byte[] buf, int end) {
            this.buf = buf;
            this.end = end;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                if (pos >= end) {
                    throw new IllegalStateException(TRUNCATED);
                }
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }

        int intVar() {
            return (int) varint();
        }

        long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        String string() {
            int n = intVar();
            if (n < 0 || pos + n > end) {
                throw new IllegalStateException(TRUNCATED);
            }
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        byte[] bytes(int n) {
            if (pos + n > end) {
                throw new IllegalStateException(TRUNCATED);
            }
            byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        void skip(int n) {
            if (n < 0 || pos + n > end) {
                throw new IllegalStateException(TRUNCATED);
            }
            pos += n;
        }

        int position() {
            return pos;
        }

        /** The bytes read from, for values read in place. */
        byte[] buffer() {
            return buf;
        }

        long longFixed() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (buf[pos++] & 0xFFL) << (8 * i);
            }
            return v;
        }
    }
}
