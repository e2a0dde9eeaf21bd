package dev.parasol.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads request bodies without holding a thread while a client is slow: chunks are taken as
 * they arrive (Jetty's read/demand), so a stalled body costs a socket and its buffer, never a
 * worker. Three limits: the size of one body, a deadline for the whole body, and the bytes all
 * bodies being read or processed may hold at once (so many clients sending large bodies cannot
 * exhaust memory; the one that finds the budget spent is answered 503).
 */
final class BodyReader {
    /** Why a body was not read. */
    enum Refusal {
        TOO_LARGE, TOO_SLOW, SERVER_BUSY
    }

    static final class RefusedBody extends RuntimeException {
        final Refusal refusal;

        RefusedBody(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }
    }

    private final int maxBody;
    private final long deadlineMillis;
    private final AtomicLong budget;
    private final ScheduledExecutorService timer;

    BodyReader(int maxBody, long deadlineMillis, long budgetBytes, ScheduledExecutorService timer) {
        this.maxBody = maxBody;
        this.deadlineMillis = deadlineMillis;
        this.budget = new AtomicLong(budgetBytes);
        this.timer = timer;
    }

    /** A body read in full; {@link #close} gives its bytes back to the budget once the request is done with it. */
    final class Body implements AutoCloseable {
        private final byte[] bytes;
        private final AtomicLong held;

        private Body(byte[] bytes, AtomicLong held) {
            this.bytes = bytes;
            this.held = held;
        }

        byte[] bytes() {
            return bytes;
        }

        @Override
        public void close() {
            budget.addAndGet(held.getAndSet(0));
        }
    }

    /** Completes with the body, or fails with {@link RefusedBody} or the connection's own failure. */
    CompletableFuture<Body> read(Request request) {
        Reading reading = new Reading(request);
        reading.deadline = timer.schedule(() -> reading.fail(new RefusedBody(Refusal.TOO_SLOW)), deadlineMillis, TimeUnit.MILLISECONDS);
        reading.run();
        return reading.result;
    }

    private final class Reading implements Runnable {
        final Request request;
        final CompletableFuture<Body> result = new CompletableFuture<>();
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicLong held = new AtomicLong();
        volatile ScheduledFuture<?> deadline;
        byte[] buffer = new byte[8192];
        int size;

        Reading(Request request) {
            this.request = request;
        }

        @Override
        public void run() {
            while (!done.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                try {
                    if (Content.Chunk.isFailure(chunk)) {
                        fail(chunk.getFailure());
                        return;
                    }
                    if (!take(chunk.getByteBuffer())) {
                        return;
                    }
                } finally {
                    chunk.release();
                }
                if (chunk.isLast()) {
                    if (done.compareAndSet(false, true)) {
                        deadline.cancel(false);
                        result.complete(new Body(Arrays.copyOf(buffer, size), held));
                    }
                    return;
                }
            }
        }

        private boolean take(ByteBuffer bytes) {
            int n = bytes.remaining();
            if (size + (long) n > maxBody) {
                fail(new RefusedBody(Refusal.TOO_LARGE));
                return false;
            }
            if (budget.addAndGet(-n) < 0) {
                budget.addAndGet(n);
                fail(new RefusedBody(Refusal.SERVER_BUSY));
                return false;
            }
            held.addAndGet(n);
            if (size + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(maxBody, Math.max(size + n, buffer.length * 2)));
            }
            bytes.get(buffer, size, n);
            size += n;
            return true;
        }

        void fail(Throwable why) {
            if (done.compareAndSet(false, true)) {
                ScheduledFuture<?> d = deadline;
                if (d != null) {
                    d.cancel(false);
                }
                budget.addAndGet(held.getAndSet(0));
                result.completeExceptionally(why);
            }
        }
    }
}
