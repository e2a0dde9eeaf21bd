package dev.parasol.server;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per integration: {@code perSecond} requests a second on average, bursts up to
 * one second's worth (at least one request). {@link #retryAfterSeconds} is 0 when the request may go ahead.
 */
final class RateLimiter {
    private final double perSecond;
    private final Map<Long, double[]> buckets = new HashMap<>();

    RateLimiter(double perSecond) {
        this.perSecond = perSecond;
    }

    synchronized long retryAfterSeconds(long integrationId, long nowNanos) {
        if (perSecond <= 0) {
            return 0;
        }
        double capacity = Math.max(1, perSecond);
        double[] b = buckets.computeIfAbsent(integrationId, k -> new double[] {capacity, nowNanos});
        b[0] = Math.min(capacity, b[0] + (nowNanos - b[1]) / 1e9 * perSecond);
        b[1] = nowNanos;
        if (b[0] >= 1) {
            b[0] -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - b[0]) / perSecond);
    }
}
