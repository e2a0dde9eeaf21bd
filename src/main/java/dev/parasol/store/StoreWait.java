package dev.parasol.store;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How long a process waits for a store other processes hold before it gives up (exit 6), where
 * it says that it waits, and how it names itself to the processes that wait for it.
 *
 * @param limit   the deadline, counted from the first refusal (PARASOL_STORE_WAIT, default 60 s)
 * @param notices one-line notices for the user (stderr)
 * @param process this process as others see it named: "parasol import", "parasol serve"
 */
public record StoreWait(Duration limit, Consumer<String> notices, String process) {
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);
    /** Waiting shorter than this goes unsaid: a handover between processes takes milliseconds. */
    static final Duration NOTICE_AFTER = Duration.ofSeconds(1);

    public static StoreWait quiet() {
        return new StoreWait(DEFAULT_LIMIT, message -> { }, "parasol");
    }

    /** One wait, from now. */
    Waiting begin() {
        return new Waiting();
    }

    /** A wait in progress: pauses with a growing backoff, says once that it waits, knows when to stop. */
    final class Waiting {
        private final long start = System.nanoTime();
        private boolean told;
        private int pauses;

        /** Whether the deadline has passed. */
        boolean expired() {
            return elapsed().compareTo(limit) >= 0;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        /**
         * Pauses before the next try (5 ms growing to 100 ms: a handover is quick, and a process
         * that has waited a while should not poll hard); after a second, tells the user once
         * what it waits for. Returns false, without pausing, once the deadline has passed.
         */
        boolean pause(Supplier<String> waitingFor) {
            if (expired()) {
                return false;
            }
            if (!told && elapsed().compareTo(NOTICE_AFTER) >= 0) {
                told = true;
                notices.accept("waiting for the store: " + waitingFor.get() + " (up to " + limit.toSeconds()
                        + " s, PARASOL_STORE_WAIT)");
            }
            long millis = Math.min(100, 5L << Math.min(pauses++, 5));
            try {
                Thread.sleep(Math.min(millis, Math.max(1, limit.minus(elapsed()).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the store", e);
            }
            return true;
        }
    }
}
