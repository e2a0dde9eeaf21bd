package dev.parasol.server;

import dev.parasol.Json;
import dev.parasol.intake.EventRequest;
import dev.parasol.policy.Integration;
import dev.parasol.server.Replies.Reply;
import dev.parasol.service.Actor;
import dev.parasol.service.EntryChange;
import dev.parasol.service.ListService;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Enforcement API on Jetty's core handler API. A request is judged by what its line and
 * headers say before a byte of its body is read: unknown path 404, wrong method 405, unknown key
 * 401, disabled integration 403, over the rate limit 429, declared body too large 413; each of
 * these closes the connection rather than read a body nobody wants. Bodies are read without
 * holding a thread ({@link BodyReader}); the store's work runs on a bounded pool of workers, and
 * when that pool is full the answer is 503 with Retry-After, not a queue that grows.
 */
final class ReceiverHandler extends Handler.Abstract {
    static final int MAX_LIMIT = 200;

    private final ReceiverService receiver;
    private final EventWriter writer;
    private final ListService lists;
    private final RateLimiter rateLimiter;
    private final BodyReader bodies;
    private final ExecutorService workers;
    private final int maxBody;
    private final boolean tls;
    private final PrintWriter log;
    private final Clock clock;

    ReceiverHandler(ReceiverService receiver, EventWriter writer, ListService lists, RateLimiter rateLimiter, BodyReader bodies,
                    ExecutorService workers, int maxBody, boolean tls, PrintWriter log, Clock clock) {
        this.receiver = receiver;
        this.writer = writer;
        this.lists = lists;
        this.rateLimiter = rateLimiter;
        this.bodies = bodies;
        this.workers = workers;
        this.maxBody = maxBody;
        this.tls = tls;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange x = new Exchange(request, response, callback);
        try {
            route(x);
        } catch (RuntimeException e) {
            x.reply(Replies.of(e), e);
        }
        return true;
    }

    private void route(Exchange x) {
        Optional<ApiRoute> found = ApiRoute.of(x.path);
        if (found.isEmpty()) {
            x.reply(Replies.error(404, "Not found"), null);
            return;
        }
        ApiRoute route = found.get();
        String method = x.request.getMethod();
        if (!route.resource().methods.contains(method)) {
            x.response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", route.resource().methods.stream().sorted().toList()));
            x.reply(Replies.error(405, "Method not allowed"), null);
            return;
        }
        Map<String, String> query = ApiRoute.query(x.request.getHttpURI().getQuery());
        String key = query.get("customerKey");
        Optional<Integration> integration = key == null || key.isEmpty() ? Optional.empty() : receiver.byCustomerKey(key);
        if (integration.isEmpty()) {
            x.reply(Replies.error(401, "Invalid customer key"), null);
            return;
        }
        Integration i = integration.get();
        if (!i.enabled()) {
            x.reply(Replies.error(403, "Integration is disabled"), null);
            return;
        }
        long retryAfter = rateLimiter.retryAfterSeconds(i.id(), System.nanoTime());
        if (retryAfter > 0) {
            x.response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfter));
            x.reply(Replies.error(429, "Rate limit exceeded; retry after " + retryAfter + " s"), null);
            return;
        }
        switch (route.resource()) {
            case EVENTS -> postEvents(x, i);
            case DOMAINS -> {
                if (method.equals("GET")) {
                    onWorker(x, () -> getDomains(x, i, query, key));
                } else {
                    String name = query.get("where[name]");
                    onWorker(x, () -> deleteDomain(x, i, name));
                }
            }
            case DOMAIN -> onWorker(x, () -> deleteDomain(x, i, route.domain().orElseThrow()));
            default -> throw new IllegalStateException("unrouted " + route);
        }
    }

    private void postEvents(Exchange x, Integration i) {
        long declared = x.request.getLength();
        if (declared > maxBody) {
            x.reply(Replies.error(413, "Request body larger than " + maxBody + " bytes"), null);
            return;
        }
        bodies.read(x.request).whenComplete((body, failure) -> {
            if (failure != null) {
                x.reply(refusedBody(failure), null);
                return;
            }
            x.bodyRead = true;
            onWorker(x, () -> {
                try (body) {
                    EventRequest events = EventRequest.parse(body.bytes());
                    EventRequest.Outcome outcome = writer.write(i, events);
                    x.reply(Reply.of(202, Map.of("id", outcome.requestId())), null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    x.reply(Replies.busy("The receiver is stopping; retry"), null);
                }
            });
        });
    }

    private Reply refusedBody(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof BodyReader.RefusedBody refused) {
            return switch (refused.refusal) {
                case TOO_LARGE -> Replies.error(413, "Request body larger than " + maxBody + " bytes");
                case TOO_SLOW -> Replies.error(408, "The request body did not arrive in time");
                case SERVER_BUSY -> Replies.busy("The server is holding too many request bodies; retry");
            };
        }
        // The connection failed or Jetty refused the body (below the minimum data rate): 408 if it can still be told.
        return Replies.error(408, "The request body could not be read");
    }

    private void getDomains(Exchange x, Integration i, Map<String, String> query, String key) {
        long page = query.containsKey("page") ? parseLong(query.get("page")) : 1;
        long limit = query.containsKey("limit") ? parseLong(query.get("limit")) : MAX_LIMIT;
        if (limit > MAX_LIMIT || limit < 1) {
            x.reply(Replies.error(400, "Limit must be a number less than or equal to " + MAX_LIMIT), null);
            return;
        }
        if (page < 1) {
            x.reply(Replies.error(400, "Page must be a number greater than or equal to 1"), null);
            return;
        }
        ReceiverService.Page rows = receiver.domains(i, (int) page, (int) limit);
        String base = baseUrl(x.request) + "/1.0/domains?customerKey=" + key + "&limit=" + limit + "&page=";
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", page);
        meta.put("limit", limit);
        meta.put("prev", page > 1 ? base + (page - 1) : false);
        meta.put("next", rows.more() ? base + (page + 1) : false);
        List<Map<String, Object>> data = new ArrayList<>();
        for (var e : rows.entries()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", e.id());
            d.put("name", e.domain());
            d.put("lastSeenAt", e.lastSeenAt().getEpochSecond());
            data.add(d);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta);
        body.put("data", data);
        x.reply(Reply.of(200, body), null);
    }

    private void deleteDomain(Exchange x, Integration i, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            x.reply(Replies.error(400, "Give a domain id or name"), null);
            return;
        }
        String name = idOrName;
        if (idOrName.chars().allMatch(Character::isDigit)) {
            Optional<String> byId = receiver.domainById(i, parseLong(idOrName));
            if (byId.isEmpty()) {
                x.reply(Replies.error(404, "Domain not in domain list"), null);
                return;
            }
            name = byId.get();
        }
        EntryChange change = lists.deleteFromIntegration(new Actor(i.accountName(), Actor.HTTP), i.name(), List.of(name));
        if (change.changed().isEmpty()) {
            x.reply(Replies.error(404, "Domain not in domain list"), null);
            return;
        }
        x.reply(Reply.of(204, null), null);
    }

    /** Store work runs on the bounded worker pool; a full pool answers 503 at once. */
    private void onWorker(Exchange x, Runnable work) {
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    x.reply(Replies.of(e), e);
                }
            });
        } catch (RejectedExecutionException full) {
            x.reply(Replies.busy("The server is busy; retry"), null);
        }
    }

    /** The absolute base clients reached us on, for paging links they follow as-is. */
    private String baseUrl(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || host.isBlank()) {
            host = Request.getLocalAddr(request) + ":" + Request.getLocalPort(request);
        }
        return (tls ? "https://" : "http://") + host;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One request and its answer, given once, logged once. */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final String path;
        final AtomicBoolean answered = new AtomicBoolean();
        volatile boolean bodyRead;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.path = Request.getPathInContext(request);
        }

        void reply(Reply reply, Throwable cause) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            if (reply.bug()) {
                logLine("parasol: internal error on " + request.getMethod() + " " + path + ": " + describe(cause));
            }
            if (reply.retryAfter()) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(Replies.RETRY_AFTER_SECONDS));
            }
            if (reply.status() >= 400 && !bodyRead && bodyMayBePending(request)) {
                // A body nobody reads is not waited for: the connection closes after the answer.
                response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            }
            // Logged before the answer leaves, so a client that has its answer finds the line written.
            // The path only: the query holds the customer key, which is never logged.
            logLine(String.format("%s %s %s %d %d ms", Instant.now(clock), request.getMethod(), path, reply.status(),
                    (System.nanoTime() - request.getBeginNanoTime()) / 1_000_000));
            response.setStatus(reply.status());
            if (reply.body() == null) {
                callback.succeeded();
            } else {
                byte[] bytes;
                try {
                    bytes = Json.mapper().writeValueAsBytes(reply.body());
                } catch (java.io.IOException e) {
                    callback.failed(e);
                    return;
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                response.write(true, ByteBuffer.wrap(bytes), callback);
            }
        }

        private void logLine(String line) {
            synchronized (log) {
                log.println(line);
                log.flush();
            }
        }
    }

    private static boolean bodyMayBePending(Request request) {
        return request.getLength() != 0 && (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown cause";
        }
        String message = t.getMessage();
        return t.getClass().getName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
