package dev.parasol.server;

import static dev.parasol.server.RunningReceiver.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.CliTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.junit.jupiter.api.Test;

/**
 * What SIGTERM does to `serve` (ServeCommand's shutdown hook calls {@link ReceiverServer#stop}):
 * new connections are refused at once, and a request already in flight is still read, stored
 * and answered 202 before the server goes.
 */
class ReceiverShutdownTest extends CliTest {
    private static final long PATIENCE_NANOS = Duration.ofSeconds(30).toNanos();

    /** Waits for {@code condition}, which another thread makes true; fails after the patience. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "still waiting for " + what);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (java.io.IOException refused) {
            return true;
        }
    }

    @Test
    void aRequestInFlightWhenTheServerStopsIsStillStoredAndAnswered() throws Exception {
        ReceiverServer.Limits patient = ReceiverServer.Limits.defaults()
                .withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5));
        RunningReceiver receiver = new RunningReceiver(cli, new ReceiverServer.Settings("127.0.0.1", 0, 1 << 20, 4, 0).withLimits(patient));
        int port = receiver.server.port();
        GracefulHandler graceful = (GracefulHandler) receiver.server.jetty().getHandler();
        byte[] body = ("[" + event("inflight-a.bad.xyz") + "," + event("inflight-b.bad.xyz") + "]").getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("POST /1.0/events?customerKey=" + receiver.key + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(Arrays.copyOf(body, body.length / 2));
            out.flush();
            await("the request to reach the handler", () -> graceful.getCurrentRequestCount() == 1);

            Thread stopping = new Thread(() -> receiver.server.stop(30), "test-stop");
            stopping.start();
            await("the server to stop accepting", () -> graceful.isShutdown() && refusesConnections(port));
            assertTrue(stopping.isAlive(), "stop() waits for the request in flight");

            out.write(Arrays.copyOfRange(body, body.length / 2, body.length));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 202 "), response);
            stopping.join(Duration.ofSeconds(30).toMillis());
            assertFalse(stopping.isAlive(), "stop() returns once the request is answered");
        }

        Set<String> listed = new TreeSet<>();
        for (JsonNode d : Json.mapper().readTree(cli.run("see-domains", "threatq", "--all", "-o", "json").ok().out())) {
            listed.add(d.get("domain").asText());
        }
        assertEquals(Set.of("inflight-a.bad.xyz", "inflight-b.bad.xyz"), listed);
    }
}
