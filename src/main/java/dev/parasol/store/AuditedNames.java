package dev.parasol.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The names one audited change touched (a bulk import, a receiver request), gathered batch by
 * sorted batch while it is written, and stored beside its audit record by
 * {@link AuditRepository#appendNames}: every name stays searchable, however long the import.
 * Held front-coded, as entry runs' names ({@link RunNames}): not deflated, which saved a third of
 * their size (random names; real feeds compress better) but cost 10 % of a 1M import.
 */
public final class AuditedNames {
    record Block(String first, String last, byte[] names) {
    }

    /**
     * Encodes big batches beside the import's own thread, which meanwhile waits on the store
     * (front-coding 1M names takes 100-200 ms).
     */
    private static final ExecutorService ENCODER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parasol-audit-names");
        t.setDaemon(true);
        return t;
    });
    /** Smaller batches (a receiver request) are encoded at once: handing them over costs more. */
    private static final int ENCODED_BESIDE = 1_000;

    private final List<Future<Block>> blocks = new ArrayList<>();
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
        List<String> names = List.copyOf(sorted);
        Callable<Block> encode = () -> new Block(names.get(0), names.get(names.size() - 1), RunNames.encode(names));
        if (names.size() < ENCODED_BESIDE) {
            try {
                blocks.add(CompletableFuture.completedFuture(encode.call()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot encode audited names", e);
            }
        } else {
            blocks.add(ENCODER.submit(encode));
        }
    }

    /** The blocks, once encoded. */
    List<Block> blocks() {
        List<Block> done = new ArrayList<>(blocks.size());
        for (Future<Block> f : blocks) {
            try {
                done.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while encoding audited names", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot encode audited names: " + e.getCause(), e.getCause());
            }
        }
        return done;
    }
}
