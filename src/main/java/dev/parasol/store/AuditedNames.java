package dev.parasol.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The names one audited change touched (a bulk import, a receiver request), gathered batch by
 * sorted batch while it is written, and stored beside its audit record by
 * {@link AuditRepository#appendNames}: every name stays searchable, however long the import.
 * Held front-coded (as entry runs' names, {@link RunNames}) and deflated: the blocks are written
 * once and only a search for a name reads one of them.
 */
public final class AuditedNames {
    record Block(String first, String last, byte[] names) {
    }

    private final List<Block> blocks = new ArrayList<>();
    private String last;

    /** Adds names in strictly increasing order, all above those added before. */
    public void add(List<String> sorted) {
        if (sorted.isEmpty()) {
            return;
        }
        if (last != null && last.compareTo(sorted.get(0)) >= 0) {
            throw new IllegalArgumentException("audited names out of order: '" + last + "' before '" + sorted.get(0) + "'");
        }
        last = sorted.get(sorted.size() - 1);
        blocks.add(new Block(sorted.get(0), last, deflate(RunNames.encode(sorted))));
    }

    /** The names' bytes prefixed with their length (4 bytes, big-endian), deflated fast. */
    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(raw);
            d.finish();
            byte[] out = new byte[raw.length + (raw.length >> 8) + 64];
            out[0] = (byte) (raw.length >>> 24);
            out[1] = (byte) (raw.length >>> 16);
            out[2] = (byte) (raw.length >>> 8);
            out[3] = (byte) raw.length;
            int n = 4;
            while (!d.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += d.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }

    /** A stored block's names. */
    static RunNames read(byte[] stored) {
        if (stored.length < 4) {
            throw new IllegalStateException("corrupt audit name block: " + stored.length + " bytes");
        }
        int rawLength = (stored[0] & 0xFF) << 24 | (stored[1] & 0xFF) << 16 | (stored[2] & 0xFF) << 8 | (stored[3] & 0xFF);
        Inflater inf = new Inflater();
        try {
            inf.setInput(stored, 4, stored.length - 4);
            byte[] raw = new byte[rawLength];
            int n = 0;
            while (n < rawLength) {
                int got = inf.inflate(raw, n, rawLength - n);
                if (got == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) {
                    throw new IllegalStateException("truncated audit name block");
                }
                n += got;
            }
            return RunNames.read(raw);
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt audit name block: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    List<Block> blocks() {
        return blocks;
    }
}
