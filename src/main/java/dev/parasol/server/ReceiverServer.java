package dev.parasol.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.parasol.Json;
import dev.parasol.ParasolException;
import dev.parasol.intake.ImportListener;
import dev.parasol.intake.ImportOptions;
import dev.parasol.intake.ImportService;
import dev.parasol.intake.IndicatorValidator;
import dev.parasol.intake.format.Format;
import dev.parasol.policy.Integration;
import dev.parasol.service.Actor;
import dev.parasol.service.EntryChange;
import dev.parasol.service.ListService;
import dev.parasol.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The Enforcement-API compatible receiver: the unique URL `enable-integration` prints is live
 * here. Same paths, status codes and bodies as Umbrella's Enforcement API v1, so TIPs and
 * scripts written for it work with nothing changed but the base URL. Events go through the
 * same intake pipeline as `parasol import`, recorded as the integration's account, origin http.
 */
public final class ReceiverServer implements AutoCloseable {
    static final List<String> REQUIRED_EVENT_FIELDS = List.of("alertTime", "deviceId", "deviceVersion", "dstDomain", "dstUrl",
            "eventTime", "protocolVersion", "providerName");
    static final int MAX_LIMIT = 200;

    /** {@code rateLimit}: requests a second per integration (0 = unlimited); over it, 429 with Retry-After. */
    public record Settings(String bind, int port, int maxBodyBytes, int threads, double rateLimit, Optional<SSLContext> tls) {
        public Settings(String bind, int port, int maxBodyBytes, int threads, double rateLimit) {
            this(bind, port, maxBodyBytes, threads, rateLimit, Optional.empty());
        }

        public static Settings defaults() {
            return new Settings("127.0.0.1", 8614, 1 << 20, 8, 0);
        }
    }

    /** TLS from a PKCS12 (or JKS) keystore holding the server's key and certificate. */
    public static SSLContext tlsFrom(java.nio.file.Path keystore, char[] password) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            ks.load(in, password);
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot use keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final ReceiverService receiver;
    private final ImportService imports;
    private final ListService lists;
    private final Settings settings;
    private final PrintWriter accessLog;
    private final Clock clock;
    private final RateLimiter rateLimiter;

    public ReceiverServer(Store store, ImportService imports, ListService lists, Settings settings, PrintWriter accessLog, Clock clock)
            throws IOException {
        this.receiver = new ReceiverService(store);
        this.imports = imports;
        this.lists = lists;
        this.settings = settings;
        this.accessLog = accessLog;
        this.clock = clock;
        this.rateLimiter = new RateLimiter(settings.rateLimit());
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's
        // algorithm and the client's delayed ACK add ~40 ms to every response.
        setIfUnset("sun.net.httpserver.nodelay", "true");
        // A slow client (slowloris) may hold a worker for at most this long reading its request
        // or taking the response; the JDK server then closes the connection.
        setIfUnset("sun.net.httpserver.maxReqTime", "30");
        setIfUnset("sun.net.httpserver.maxRspTime", "30");
        InetSocketAddress address = new InetSocketAddress(settings.bind(), settings.port());
        if (settings.tls().isPresent()) {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(settings.tls().get()));
            this.server = https;
        } else {
            this.server = HttpServer.create(address, 64);
        }
        this.workers = Executors.newFixedThreadPool(settings.threads());
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    private static void setIfUnset(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, lets in-flight requests finish (up to {@code graceSeconds}), then stops. */
    public void stop(int graceSeconds) {
        server.stop(graceSeconds);
        workers.shutdown();
    }

    @Override
    public void close() {
        stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int status;
        try {
            status = route(exchange);
        } catch (RuntimeException e) {
            status = send(exchange, 500, error("InternalServerError", "Internal server error", 500));
        } finally {
            exchange.close();
        }
        synchronized (accessLog) {
            // The path only: the query holds the customer key, which is never logged.
            accessLog.printf("%s %s %s %d %d ms%n", Instant.now(clock), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    status, (System.nanoTime() - start) / 1_000_000);
            accessLog.flush();
        }
    }

    private int route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        boolean events = path.equals("/1.0/events");
        boolean domains = path.equals("/1.0/domains");
        boolean domain = path.startsWith("/1.0/domains/") && path.length() > "/1.0/domains/".length();
        if (!events && !domains && !domain) {
            return send(ex, 404, error("NotFoundError", "Not found", 404));
        }
        Set<String> allowed = events ? Set.of("POST") : domains ? Set.of("GET", "DELETE") : Set.of("DELETE");
        if (!allowed.contains(method)) {
            ex.getResponseHeaders().add("Allow", String.join(", ", allowed));
            return send(ex, 405, error("MethodNotAllowedError", "Method not allowed", 405));
        }
        String key = query.get("customerKey");
        Optional<Integration> integration = key == null ? Optional.empty() : receiver.byCustomerKey(key);
        if (integration.isEmpty()) {
            return send(ex, 401, error("UnauthorizedError", "Invalid customer key", 401));
        }
        Integration i = integration.get();
        if (!i.enabled()) {
            return send(ex, 403, error("ForbiddenError", "Integration is disabled", 403));
        }
        long retryAfter = rateLimiter.retryAfterSeconds(i.id(), System.nanoTime());
        if (retryAfter > 0) {
            ex.getResponseHeaders().add("Retry-After", Long.toString(retryAfter));
            return send(ex, 429, error("TooManyRequestsError", "Rate limit exceeded; retry after " + retryAfter + " s", 429));
        }
        if (events) {
            return postEvents(ex, i);
        }
        if (domains && method.equals("GET")) {
            return getDomains(ex, i, query, key);
        }
        String name = domain ? URLDecoder.decode(path.substring("/1.0/domains/".length()), StandardCharsets.UTF_8)
                : query.get("where[name]");
        if (name == null || name.isBlank()) {
            return send(ex, 400, error("BadRequestError", "Give a domain id or name", 400));
        }
        return deleteDomain(ex, i, name);
    }

    private int postEvents(HttpExchange ex, Integration i) throws IOException {
        byte[] body;
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && parseLong(length) > settings.maxBodyBytes()) {
            return send(ex, 413, error("PayloadTooLargeError", "Request body larger than " + settings.maxBodyBytes() + " bytes", 413));
        }
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(settings.maxBodyBytes() + 1);
        }
        if (body.length > settings.maxBodyBytes()) {
            return send(ex, 413, error("PayloadTooLargeError", "Request body larger than " + settings.maxBodyBytes() + " bytes", 413));
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            return send(ex, 400, badEvent(Map.of("body", "is not valid JSON")));
        }
        List<JsonNode> events = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(events::add);
        } else if (root != null && root.isObject()) {
            events.add(root);
        }
        if (events.isEmpty()) {
            return send(ex, 400, badEvent(Map.of("body", "must be an event object or an array of them")));
        }
        IndicatorValidator validator = new IndicatorValidator(Set.of());
        for (JsonNode e : events) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (String field : REQUIRED_EVENT_FIELDS) {
                JsonNode v = e.get(field);
                if (v == null || v.isNull() || v.asText().isBlank()) {
                    errors.put(field, "is required");
                }
            }
            if (!errors.containsKey("dstDomain")) {
                boolean disable = e.path("disableDstSafeguards").asBoolean(false);
                if (!validator.validate(e.get("dstDomain").asText(), disable).accepted()) {
                    errors.put("dstDomain", "is invalid");
                }
            }
            if (!errors.isEmpty()) {
                return send(ex, 400, badEvent(errors));
            }
        }
        Actor account = new Actor(i.accountName(), Actor.HTTP);
        try {
            // One row per request (the events as a JSON array): one insert, not one per event.
            List<String> raw = List.of(Json.mapper().writeValueAsString(events));
            imports.importIndicators(account, i.name(), "http", Optional.empty(), new ByteArrayInputStream(body),
                    new ImportOptions(Optional.of(Format.EVENTS), false, false, false, true), ImportListener.SILENT,
                    (tx, integration, at) -> tx.events().insert(integration.id(), at, raw));
        } catch (ParasolException e) {
            return send(ex, 503, error("ServiceUnavailableError", "The store is busy; retry", 503));
        }
        return send(ex, 202, Map.of("id", UUID.randomUUID().toString()));
    }

    private int getDomains(HttpExchange ex, Integration i, Map<String, String> query, String key) throws IOException {
        long page = query.containsKey("page") ? parseLong(query.get("page")) : 1;
        long limit = query.containsKey("limit") ? parseLong(query.get("limit")) : MAX_LIMIT;
        if (limit > MAX_LIMIT || limit < 1) {
            return send(ex, 400, error("BadRequestError", "Limit must be a number less than or equal to " + MAX_LIMIT, 400));
        }
        if (page < 1) {
            return send(ex, 400, error("BadRequestError", "Page must be a number greater than or equal to 1", 400));
        }
        ReceiverService.Page rows = receiver.domains(i, (int) page, (int) limit);
        String base = baseUrl(ex) + "/1.0/domains?customerKey=" + key + "&limit=" + limit + "&page=";
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
        return send(ex, 200, body);
    }

    private int deleteDomain(HttpExchange ex, Integration i, String idOrName) throws IOException {
        String name = idOrName;
        if (idOrName.chars().allMatch(Character::isDigit)) {
            Optional<String> byId = receiver.domainById(i, parseLong(idOrName));
            if (byId.isEmpty()) {
                return send(ex, 404, error("NotFoundError", "Domain not in domain list", 404));
            }
            name = byId.get();
        }
        EntryChange change;
        try {
            change = lists.deleteFromIntegration(new Actor(i.accountName(), Actor.HTTP), i.name(), List.of(name));
        } catch (ParasolException e) {
            return send(ex, 404, error("NotFoundError", "Domain not in domain list", 404));
        }
        if (change.changed().isEmpty()) {
            return send(ex, 404, error("NotFoundError", "Domain not in domain list", 404));
        }
        ex.sendResponseHeaders(204, -1);
        return 204;
    }

    /** The absolute base clients reached us on, for paging links they follow as-is. */
    private String baseUrl(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            host = ex.getLocalAddress().getHostString() + ":" + ex.getLocalAddress().getPort();
        }
        return (settings.tls().isPresent() ? "https://" : "http://") + host;
    }

    private static Map<String, Object> error(String code, String message, int status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("message", message);
        m.put("statusCode", status);
        return m;
    }

    private static Map<String, Object> badEvent(Map<String, String> errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", "There were one or more missing or required fields");
        m.put("errors", errors);
        m.put("statusCode", 400);
        return m;
    }

    private static int send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.putIfAbsent(k, v);
        }
        return m;
    }
}
