package dev.parasol.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A real receiver on an ephemeral loopback port over a test's store, the ThreatQ key, and an okhttp client. */
final class RunningReceiver implements AutoCloseable {
    static final MediaType JSON = MediaType.get("application/json");

    final ReceiverServer server;
    final StringWriter accessLog = new StringWriter();
    final OkHttpClient http = new OkHttpClient();
    final String key;
    final String base;

    RunningReceiver(Cli cli, ReceiverServer.Settings settings) throws IOException {
        String url = cli.run("enable-integration", "threatq").ok().out().strip();
        this.key = url.substring(url.indexOf("customerKey=") + "customerKey=".length());
        this.server = new ReceiverServer(cli.context().store(), cli.context().imports(), cli.context().lists(), settings,
                new PrintWriter(accessLog, true), Clock.systemUTC());
        server.start();
        this.base = "http://127.0.0.1:" + server.port();
    }

    record Reply(int status, String body, Response response) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    Reply call(String method, String pathAndQuery, String body) throws IOException {
        Request.Builder r = new Request.Builder().url(base + pathAndQuery);
        r.method(method, body == null ? (method.equals("POST") ? RequestBody.create("", JSON) : null) : RequestBody.create(body, JSON));
        try (Response response = http.newCall(r.build()).execute()) {
            return new Reply(response.code(), response.body().string(), response);
        }
    }

    Reply post(String body) throws IOException {
        return call("POST", "/1.0/events?customerKey=" + key, body);
    }

    /** An Enforcement-API event as Umbrella's documentation shows one, for {@code domain}. */
    static String event(String domain) {
        return event(domain, "");
    }

    /** {@code extra}: more fields, written as JSON members with a leading comma. */
    static String event(String domain, String extra) {
        return "{\"alertTime\":\"2013-02-08T09:30:26.0Z\",\"deviceId\":\"ba6a59f4-e692-4724-ba36-c28132c761de\","
                + "\"deviceVersion\":\"13.7a\",\"dstDomain\":" + quoted(domain) + ",\"dstUrl\":\"http://x.bad.xyz/a\","
                + "\"eventTime\":\"2013-02-08T09:30:26Z\",\"protocolVersion\":\"1.0a\",\"providerName\":\"Security Platform\"" + extra + "}";
    }

    private static String quoted(String s) {
        return Json.mapper().valueToTree(s).toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
