package dev.parasol.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Counts bytes as they are read, for progress. */
public final class CountingInputStream extends FilterInputStream {
    private final LongConsumer onProgress;
    private long count;

    public CountingInputStream(InputStream in, LongConsumer onProgress) {
        super(in);
        this.onProgress = onProgress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
            onProgress.accept(count);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            onProgress.accept(count);
        }
        return n;
    }
}
