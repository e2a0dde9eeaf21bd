package dev.parasol.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Closes connections that take longer than a deadline to send a request's headers. Jetty has
 * an idle timeout, which a client that sends a byte now and then (slowloris) never trips, and a
 * minimum data rate, which applies to bodies only; this is the missing header deadline. A sweep
 * every {@code period} notes each connection that is part-way through a request's headers, and
 * closes it when it is still on the same request's headers after the deadline. Connections idle
 * between requests are the idle timeout's business.
 */
final class HeaderDeadline {
    private record Started(long request, long atNanos) {
    }

    private final AbstractConnector connector;
    private final long deadlineNanos;
    private final LongSupplier nanoClock;
    private final Map<EndPoint, Started> inHeaders = new ConcurrentHashMap<>();

    HeaderDeadline(AbstractConnector connector, long deadlineMillis, LongSupplier nanoClock) {
        this.connector = connector;
        this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        this.nanoClock = nanoClock;
    }

    void schedule(ScheduledExecutorService timer, long periodMillis) {
        timer.scheduleWithFixedDelay(this::sweep, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** One pass over the open connections; returns how many it closed. */
    int sweep() {
        long now = nanoClock.getAsLong();
        int closed = 0;
        inHeaders.keySet().removeIf(e -> !e.isOpen());
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            HttpConnection http = httpConnectionOf(endPoint.getConnection());
            if (http == null) {
                continue;
            }
            HttpParser parser = http.getParser();
            if (!parser.inHeaderState() || parser.isStart()) {
                inHeaders.remove(endPoint);
                continue;
            }
            long request = http.getMessagesIn();
            Started started = inHeaders.compute(endPoint, (e, s) -> s != null && s.request() == request ? s : new Started(request, now));
            if (now - started.atNanos() >= deadlineNanos) {
                inHeaders.remove(endPoint);
                endPoint.close();
                closed++;
            }
        }
        return closed;
    }

    private static HttpConnection httpConnectionOf(Connection c) {
        if (c instanceof SslConnection ssl) {
            c = ssl.getSslEndPoint().getConnection();
        }
        return c instanceof HttpConnection http ? http : null;
    }
}
