package dev.parasol.report;

import java.util.List;

/**
 * Pictures made of text: horizontal bars and sparklines from Unicode block characters. They are
 * characters, not colours, so they survive NO_COLOR, pipes, logs and e-mail.
 */
public final class Charts {
    private static final char[] SPARKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    /** Eighths of a cell, for bar ends: '▏' is 1/8, '█' is a whole cell. */
    private static final char[] EIGHTHS = {'▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'};

    private Charts() {
    }

    /**
     * One character per value, scaled so the largest is '█'. Zero is a space, so a quiet day
     * never looks like a busy one; any non-zero value shows at least '▁'.
     */
    public static String sparkline(List<Long> values) {
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder sb = new StringBuilder(values.size());
        for (long v : values) {
            if (v <= 0 || max == 0) {
                sb.append(' ');
            } else {
                int level = (int) Math.min(SPARKS.length - 1, (v * SPARKS.length - 1) / max);
                sb.append(SPARKS[level]);
            }
        }
        return sb.toString();
    }

    /** A bar {@code width} cells long for {@code max}, in eighths of a cell; non-zero is never empty. */
    public static String bar(long value, long max, int width) {
        if (value <= 0 || max <= 0) {
            return "";
        }
        long eighths = Math.max(1, Math.round((double) value * width * 8 / max));
        StringBuilder sb = new StringBuilder();
        for (long i = 0; i < eighths / 8; i++) {
            sb.append('█');
        }
        if (eighths % 8 != 0) {
            sb.append(EIGHTHS[(int) (eighths % 8) - 1]);
        }
        return sb.toString();
    }
}
