package dev.parasol.server;

import static dev.parasol.server.RunningReceiver.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.CliTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that stall, trickle, lie about sizes or send the wrong key, over raw sockets on
 * loopback, beside legitimate requests. Outcomes are asserted, never times: a socket read that
 * waits longer than {@link #PATIENCE} fails the test, and every deadline a test relies on is set
 * far below it while the limits that could mask it (the idle timeout) are set far above.
 */
class ReceiverHostileClientsTest extends CliTest {
    static final int PATIENCE = 30_000;
    final List<Socket> sockets = new ArrayList<>();
    RunningReceiver receiver;

    private RunningReceiver start(ReceiverServer.Limits limits) throws IOException {
        receiver = new RunningReceiver(cli, new ReceiverServer.Settings("127.0.0.1", 0, 1 << 20, 4, 0).withLimits(limits));
        return receiver;
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", receiver.server.port());
        s.setSoTimeout(PATIENCE);
        sockets.add(s);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private String postHeaders(String key, long contentLength) {
        return "POST /1.0/events?customerKey=" + key + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    /** The response's status line and headers, read as they come; the body is left unread. */
    private static String head(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return sb.toString();
    }

    /** Reads until the server closes the connection; fails if it does not within PATIENCE. */
    private static String untilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) != -1) {
                sb.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open; read so far: " + sb);
        } catch (IOException reset) {
            // A reset is a close too.
        }
        return sb.toString();
    }

    private static ReceiverServer.Limits patientIdle(Duration header, Duration body) {
        return ReceiverServer.Limits.defaults().withTimeouts(Duration.ofMinutes(5), header, body);
    }

    @Test
    void aWrongKeyIsAnswered401BeforeTheBodyIsSentAndTheConnectionClosed() throws Exception {
        start(ReceiverServer.Limits.defaults());
        Socket s = open();
        send(s, postHeaders("00000000-0000-4000-8000-000000000000", 100_000));
        String response = untilClosed(s);
        assertTrue(response.startsWith("HTTP/1.1 401 "), response);
        assertTrue(response.contains("\"code\":\"UnauthorizedError\""), response);
        Socket disabled = open();
        cli.run("disable-integration", "threatq").ok();
        send(disabled, postHeaders(receiver.key, 100_000));
        assertTrue(untilClosed(disabled).startsWith("HTTP/1.1 403 "));
    }

    @Test
    void aDeclaredOversizeBodyIsRefusedByItsLengthBeforeItIsSent() throws Exception {
        start(ReceiverServer.Limits.defaults());
        Socket s = open();
        send(s, postHeaders(receiver.key, 50_000_000));
        String response = untilClosed(s);
        assertTrue(response.startsWith("HTTP/1.1 413 "), response);
    }

    @Test
    void aChunkedBodyIsRefusedAsSoonAsItCrossesTheLimitAndNothingIsStored() throws Exception {
        start(ReceiverServer.Limits.defaults());
        byte[] piece = ("[" + event("f.bad.xyz") + ",").getBytes(StandardCharsets.UTF_8);
        RequestBody endless = new RequestBody() {
            @Override
            public MediaType contentType() {
                return RunningReceiver.JSON;
            }

            @Override
            public long contentLength() {
                return -1; // chunked
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                // Up to 64 MB unless the server stops reading first: far past the 1 MB limit.
                for (int i = 0; i < 64 << 20; i += piece.length) {
                    sink.write(piece);
                }
            }
        };
        int status;
        try (Response r = receiver.http.newCall(new Request.Builder().url(receiver.base + "/1.0/events?customerKey=" + receiver.key)
                .post(endless).build()).execute()) {
            status = r.code();
        } catch (IOException cutOff) {
            status = -1; // the server closed the connection while the client was still sending
        }
        assertTrue(status == 413 || status == -1, "status " + status);
        assertTrue(receiver.accessLog.toString().contains("POST /1.0/events 413"), receiver.accessLog.toString());
        assertEquals(0, Json.mapper().readTree(cli.run("see-domains", "threatq", "-o", "json").ok().out()).size());
    }

    @Test
    void headersThatNeverFinishAreCutOffAtTheHeaderDeadline() throws Exception {
        start(patientIdle(Duration.ofMillis(400), Duration.ofMinutes(5)));
        Socket s = open();
        send(s, "POST /1.0/events?customerKey=" + receiver.key + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a");
        untilClosed(s);
        // An idle keep-alive connection between requests is not mid-headers: it stays open.
        Socket idle = open();
        send(idle, "GET /1.0/domains?customerKey=" + receiver.key + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertTrue(head(idle).startsWith("HTTP/1.1 200 "));
        int closed = new HeaderDeadline(connectorOf(), 0, System::nanoTime).sweep();
        assertEquals(0, closed, "a connection waiting for its next request is left to the idle timeout");
    }

    private org.eclipse.jetty.server.AbstractConnector connectorOf() {
        return (org.eclipse.jetty.server.AbstractConnector) receiver.server.jetty().getConnectors()[0];
    }

    @Test
    void aBodyThatStallsIsAnswered408AtTheBodyDeadline() throws Exception {
        start(patientIdle(Duration.ofMinutes(5), Duration.ofMillis(400)));
        Socket s = open();
        send(s, postHeaders(receiver.key, 100_000) + "[{\"alertTime\"");
        String response = untilClosed(s);
        assertTrue(response.startsWith("HTTP/1.1 408 "), response);
        assertEquals(0, Json.mapper().readTree(cli.run("see-domains", "threatq", "-o", "json").ok().out()).size());
    }

    @Test
    void hundredsOfStalledConnectionsDoNotStopLegitimateRequests() throws Exception {
        start(ReceiverServer.Limits.defaults());
        for (int i = 0; i < 300; i++) {
            Socket s = open();
            // Half announce a body and send none; half stop in the middle of their headers.
            send(s, i % 2 == 0 ? postHeaders(receiver.key, 100_000) : "POST /1.0/events?customerKey=" + receiver.key + " HTTP/1.1\r\nHo");
        }
        for (int r = 0; r < 20; r++) {
            StringBuilder batch = new StringBuilder("[");
            for (int e = 0; e < 100; e++) {
                batch.append(e == 0 ? "" : ",").append(event("r" + r + "-e" + e + ".bad.xyz"));
            }
            var reply = receiver.post(batch.append(']').toString());
            assertEquals(202, reply.status(), reply.body());
        }
        JsonNode listed = Json.mapper().readTree(cli.run("see-domains", "threatq", "--all", "-o", "json").ok().out());
        assertEquals(2_000, listed.size());
    }

    @Test
    void aMalformedRequestLineGetsAJsonError() throws Exception {
        start(ReceiverServer.Limits.defaults());
        Socket s = open();
        send(s, "GARBAGE\r\n\r\n");
        String response = untilClosed(s);
        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertTrue(response.contains("\"statusCode\":400"), response);
    }
}
