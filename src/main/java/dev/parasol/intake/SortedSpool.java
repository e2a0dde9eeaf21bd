package dev.parasol.intake;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts and de-duplicates any number of names in bounded memory: names are buffered, each full
 * buffer is sorted and written as a run file, and {@link #merge} reads the runs back as one
 * sorted, duplicate-free sequence (a k-way merge). Bulk writes need sorted keys: H2 inserts
 * them an order of magnitude faster than in feed order, and a sorted batch covers one key range
 * that a single index range scan can compare with what is stored.
 */
final class SortedSpool implements AutoCloseable {
    private final Path dir;
    private final String[] buffer;
    private int buffered;
    private final List<Path> runs = new ArrayList<>();
    private long added;

    SortedSpool(Path dir, int runSize) {
        this.dir = dir;
        this.buffer = new String[runSize];
    }

    void add(String name) throws IOException {
        buffer[buffered++] = name;
        added++;
        if (buffered == buffer.length) {
            flushRun();
        }
    }

    long added() {
        return added;
    }

    private void flushRun() throws IOException {
        if (buffered == 0) {
            return;
        }
        Arrays.sort(buffer, 0, buffered);
        Path run = Files.createTempFile(dir, "parasol-run-", ".txt");
        runs.add(run);
        try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
            String last = null;
            for (int i = 0; i < buffered; i++) {
                // Duplicates inside a run are dropped here; merge() counts every dropped one.
                if (!buffer[i].equals(last)) {
                    w.write(buffer[i]);
                    w.write('\n');
                    last = buffer[i];
                }
                buffer[i] = null;
            }
        }
        buffered = 0;
    }

    /**
     * Ends the input; afterwards {@link #merge} may be called any number of times. Input that
     * fits one run (an HTTP request, a small file) stays in memory: no file is written.
     */
    void finish() throws IOException {
        if (runs.isEmpty()) {
            Arrays.sort(buffer, 0, buffered);
            return;
        }
        flushRun();
    }

    /** The names in order, each once. {@link Merged#duplicates()} counts what was dropped. */
    Merged merge() throws IOException {
        if (runs.isEmpty()) {
            return new Merged(Arrays.asList(buffer).subList(0, buffered).iterator(), added);
        }
        return new Merged(runs, added);
    }

    static final class Merged implements Iterator<String>, AutoCloseable {
        private record Head(String name, BufferedReader reader) {
        }

        private final List<BufferedReader> readers = new ArrayList<>();
        private final Iterator<String> inMemory;
        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.name.compareTo(b.name));
        private final long total;
        private long emitted;
        private String next;
        private String last;

        private Merged(Iterator<String> sortedInMemory, long total) {
            this.total = total;
            this.inMemory = sortedInMemory;
            next = pull();
        }

        private Merged(List<Path> runs, long total) throws IOException {
            this.total = total;
            this.inMemory = null;
            try {
                for (Path run : runs) {
                    BufferedReader r = Files.newBufferedReader(run, StandardCharsets.UTF_8);
                    readers.add(r);
                    advance(r);
                }
            } catch (IOException e) {
                close();
                throw e;
            }
            next = pull();
        }

        private void advance(BufferedReader r) throws IOException {
            String line = r.readLine();
            if (line != null) {
                heads.add(new Head(line, r));
            }
        }

        private String pull() {
            if (inMemory != null) {
                while (inMemory.hasNext()) {
                    String name = inMemory.next();
                    if (!name.equals(last)) {
                        last = name;
                        return name;
                    }
                }
                return null;
            }
            try {
                while (!heads.isEmpty()) {
                    Head h = heads.poll();
                    advance(h.reader);
                    if (!h.name.equals(last)) {
                        last = h.name;
                        return h.name;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public String next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            String current = next;
            emitted++;
            next = pull();
            return current;
        }

        /** Names dropped as repeats of another; exact once the merge is exhausted. */
        long duplicates() {
            return total - emitted;
        }

        @Override
        public void close() {
            for (BufferedReader r : readers) {
                try {
                    r.close();
                } catch (IOException ignored) {
                    // Reading is over; nothing to lose.
                }
            }
        }
    }

    @Override
    public void close() {
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException ignored) {
                // A leftover run file in the temp directory is harmless.
            }
        }
    }
}
