package dev.parasol.cli;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.server.ReceiverServer;
import dev.parasol.service.ConfigService;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve",
        description = {"Run the Enforcement-API compatible receiver: the URL enable-integration prints is live here.",
                "POST /1.0/events, GET /1.0/domains, DELETE /1.0/domains/{id|name}, each with ?customerKey=.",
                "Binds 127.0.0.1 unless --bind says otherwise. Stops gracefully on SIGTERM / Ctrl-C.",
                "Access log (method, path without the key, status, duration) on stderr.",
                "Slow and hostile clients are cut off: headers within 10 s, bodies within 20 s and at 1 KiB/s at least, idle connections after 30 s."},
        footer = {"", "Examples:", "  parasol serve", "  parasol serve --bind 0.0.0.0 --port 8614"})
public final class ServeCommand extends BaseCommand {
    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "N",
            description = "Port (default: the port setting, 8614 unless $PARASOL_PORT or 'config set port' say otherwise; 0 picks a free one).")
    Integer port;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576", description = "Largest request body (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--rate-limit", paramLabel = "N",
            description = "Requests a second per integration before 429 Too Many Requests (default: the rate-limit setting, 0 = unlimited).")
    Double rateLimit;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "4096",
            description = "Open connections at once; more wait to be accepted (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "Serve HTTPS with this PKCS12 keystore; its password comes from $PARASOL_KEYSTORE_PASSWORD.")
    java.nio.file.Path keystore;

    @Override
    protected ExitCode run() throws InterruptedException {
        int port = this.port != null ? this.port : Integer.parseInt(ctx().config().get(ConfigService.PORT).value());
        double rateLimit = this.rateLimit != null ? this.rateLimit : Double.parseDouble(ctx().config().get(ConfigService.RATE_LIMIT).value());
        ReceiverServer server;
        try {
            java.util.Optional<javax.net.ssl.SSLContext> tls = java.util.Optional.empty();
            if (keystore != null) {
                String password = ctx().env("PARASOL_KEYSTORE_PASSWORD").orElseThrow(() ->
                        ParasolException.usage("--keystore needs its password in $PARASOL_KEYSTORE_PASSWORD"));
                tls = java.util.Optional.of(ReceiverServer.tlsFrom(keystore, password.toCharArray()));
            }
            server = new ReceiverServer(ctx().store(), ctx().imports(), ctx().lists(),
                    new ReceiverServer.Settings(bind, port, maxBody, 8, rateLimit, tls)
                            .withLimits(ReceiverServer.Limits.defaults().withMaxConnections(maxConnections)), err(), ctx().clock());
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(5);
            stopped.countDown();
        }, "parasol-serve-shutdown"));
        server.start();
        err().println("parasol: receiving on " + (keystore != null ? "https" : "http") + "://" + bind + ":" + server.port() + "/1.0/events (Ctrl-C to stop)");
        err().flush();
        stopped.await();
        return ExitCode.OK;
    }
}
