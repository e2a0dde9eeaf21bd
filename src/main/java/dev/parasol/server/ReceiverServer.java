package dev.parasol.server;

import dev.parasol.intake.ImportService;
import dev.parasol.service.ListService;
import dev.parasol.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Enforcement-API compatible receiver: the unique URL `enable-integration` prints is live
 * here. Same paths, status codes and bodies as Umbrella's Enforcement API v1, so TIPs and
 * scripts written for it work with nothing changed but the base URL ({@link ReceiverHandler}).
 *
 * <p>This class assembles Jetty for a door that faces hostile clients: connections are
 * bounded, each must send its headers within a deadline ({@link HeaderDeadline}) and its body
 * within another and above a minimum rate, bodies are read without holding threads and within
 * a memory budget ({@link BodyReader}), and the store's work runs on a bounded pool.
 */
public final class ReceiverServer implements AutoCloseable {
    /** {@code rateLimit}: requests a second per integration (0 = unlimited); over it, 429 with Retry-After. */
    public record Settings(String bind, int port, int maxBodyBytes, int threads, double rateLimit, Optional<SSLContext> tls, Limits limits) {
        public Settings(String bind, int port, int maxBodyBytes, int threads, double rateLimit, Optional<SSLContext> tls) {
            this(bind, port, maxBodyBytes, threads, rateLimit, tls, Limits.defaults());
        }

        public Settings(String bind, int port, int maxBodyBytes, int threads, double rateLimit) {
            this(bind, port, maxBodyBytes, threads, rateLimit, Optional.empty());
        }

        public static Settings defaults() {
            return new Settings("127.0.0.1", 8614, 1 << 20, 8, 0);
        }

        public Settings withLimits(Limits limits) {
            return new Settings(bind, port, maxBodyBytes, threads, rateLimit, tls, limits);
        }
    }

    /**
     * What one client may hold. {@code maxConnections}: open connections at once (past it, new
     * ones wait in the listen backlog); {@code idleTimeout}: a connection with nothing to do;
     * {@code headerTimeout} and {@code bodyTimeout}: deadlines for a request's headers and body;
     * {@code minBytesPerSecond}: the slowest body accepted; {@code bufferedBytes}: request bodies
     * held by all connections together; {@code queuedRequests}: requests waiting for a worker.
     */
    public record Limits(int maxConnections, Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout, long minBytesPerSecond,
                         long bufferedBytes, int queuedRequests) {
        public static Limits defaults() {
            return new Limits(4096, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(20), 1024, 64L << 20, 256);
        }

        public Limits withMaxConnections(int n) {
            return new Limits(n, idleTimeout, headerTimeout, bodyTimeout, minBytesPerSecond, bufferedBytes, queuedRequests);
        }

        public Limits withTimeouts(Duration idle, Duration header, Duration body) {
            return new Limits(maxConnections, idle, header, body, minBytesPerSecond, bufferedBytes, queuedRequests);
        }
    }

    /** TLS from a PKCS12 (or JKS) keystore holding the server's key and certificate. */
    public static SSLContext tlsFrom(Path keystore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final EventWriter writer;

    /** Builds the server and binds its port (so a taken port fails here); {@link #start} begins serving. */
    public ReceiverServer(Store store, ImportService imports, ListService lists, Settings settings, PrintWriter accessLog, Clock clock)
            throws IOException {
        Limits limits = settings.limits();
        QueuedThreadPool jettyThreads = new QueuedThreadPool(Math.max(16, settings.threads() * 2), 4);
        jettyThreads.setName("parasol-http");
        jettyThreads.setDaemon(true);
        this.server = new Server(jettyThreads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setMinRequestDataRate(limits.minBytesPerSecond());
        HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
        ConnectionFactory[] factories = settings.tls().isPresent()
                ? new ConnectionFactory[] {new SslConnectionFactory(tlsFactory(settings.tls().get()), httpFactory.getProtocol()), httpFactory}
                : new ConnectionFactory[] {httpFactory};
        this.connector = new ServerConnector(server, 1, 1, factories);
        connector.setHost(settings.bind());
        connector.setPort(settings.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setErrorHandler(new JsonErrorHandler());

        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "parasol-http-deadlines"));
        new HeaderDeadline(connector, limits.headerTimeout().toMillis(), System::nanoTime)
                .schedule(timer, Math.max(100, limits.headerTimeout().toMillis() / 4));
        this.workers = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(limits.queuedRequests()), r -> daemon(r, "parasol-receiver"));
        BodyReader bodies = new BodyReader(settings.maxBodyBytes(), limits.bodyTimeout().toMillis(), limits.bufferedBytes(), timer);
        this.writer = new EventWriter(imports);
        ReceiverHandler handler = new ReceiverHandler(new ReceiverService(store), writer, lists, new RateLimiter(settings.rateLimit()),
                bodies, workers, settings.maxBodyBytes(), settings.tls().isPresent(), accessLog, clock);
        server.setHandler(new GracefulHandler(handler));
        connector.open();
    }

    private static SslContextFactory.Server tlsFactory(SSLContext context) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(context);
        return tls;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the receiver: " + e.getMessage(), e);
        }
    }

    /** The Jetty server, for tests that look at its connections. */
    Server jetty() {
        return server;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting, lets in-flight requests finish (up to {@code graceSeconds}), then stops. */
    public void stop(int graceSeconds) {
        server.setStopTimeout(TimeUnit.SECONDS.toMillis(graceSeconds));
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort: whatever did not finish in the grace period is cut off.
        } finally {
            workers.shutdown();
            timer.shutdownNow();
            try {
                workers.awaitTermination(graceSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer.close();
        }
    }

    @Override
    public void close() {
        stop(0);
    }
}
