package dev.parasol.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.CliTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver over real HTTP on an ephemeral loopback port, called with okhttp. */
class ReceiverServerTest extends CliTest {
    static final MediaType JSON = MediaType.get("application/json");
    final OkHttpClient http = new OkHttpClient();
    final StringWriter accessLog = new StringWriter();
    ReceiverServer server;
    String key;
    String base;

    @BeforeEach
    void start() throws Exception {
        String url = cli.run("enable-integration", "threatq").ok().out().strip();
        key = url.substring(url.indexOf("customerKey=") + "customerKey=".length());
        server = new ReceiverServer(cli.context().store(), cli.context().imports(), cli.context().lists(),
                new ReceiverServer.Settings("127.0.0.1", 0, 4096, 4, 0), new PrintWriter(accessLog, true), Clock.systemUTC());
        server.start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Reply(int status, String body) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(body);
        }
    }

    private Reply call(String method, String pathAndQuery, String body) throws Exception {
        Request.Builder r = new Request.Builder().url(base + pathAndQuery);
        r.method(method, body == null ? (method.equals("POST") ? RequestBody.create("", JSON) : null) : RequestBody.create(body, JSON));
        try (Response response = http.newCall(r.build()).execute()) {
            return new Reply(response.code(), response.body().string());
        }
    }

    private static String event(String domain) {
        return "{\"alertTime\":\"2013-02-08T09:30:26.0Z\",\"deviceId\":\"ba6a59f4-e692-4724-ba36-c28132c761de\","
                + "\"deviceVersion\":\"13.7a\",\"dstDomain\":\"" + domain + "\",\"dstUrl\":\"http://" + domain + "/a\","
                + "\"eventTime\":\"2013-02-08T09:30:26Z\",\"protocolVersion\":\"1.0a\",\"providerName\":\"Security Platform\","
                + "\"dstIp\":null,\"eventType\":null}";
    }

    @Test
    void postedEventsLandInTheListAsTheIntegrationsAccount() throws Exception {
        Reply one = call("POST", "/1.0/events?customerKey=" + key, event("c2.bad.xyz"));
        assertEquals(202, one.status());
        assertTrue(one.json().get("id").asText().matches("[0-9a-f-]{36}"));
        assertEquals(202, call("POST", "/1.0/events?customerKey=" + key, "[" + event("a.bad.xyz") + "," + event("b.bad.xyz") + "]").status());
        JsonNode listed = Json.mapper().readTree(cli.run("see-domains", "threatq", "-o", "json").ok().out());
        assertEquals(3, listed.size());
        assertEquals("ThreatQ Account", listed.get(0).get("addedBy").asText());
        assertEquals("http", listed.get(0).get("origin").asText());
        JsonNode audit = Json.mapper().readTree(cli.run("audit", "search", "--user", "ThreatQ Account", "-o", "json").ok().out());
        assertEquals("http", audit.get(0).get("origin").asText());
        assertFalse(accessLog.toString().contains(key), "the customer key is never logged");
        JsonNode received = Json.mapper().readTree(cli.run("events", "threatq", "-o", "json").ok().out());
        assertEquals(3, received.size());
        assertEquals("Security Platform", received.get(0).get("event").get("providerName").asText());
        assertTrue(received.get(0).get("event").get("dstIp").isNull(), "kept as sent, nulls included");
        assertTrue(accessLog.toString().contains("POST /1.0/events 202"), accessLog.toString());
    }

    @Test
    void aBadEventGetsUmbrellasErrorBodyAndNothingIsStored() throws Exception {
        Reply r = call("POST", "/1.0/events?customerKey=" + key, event("bad..xyz"));
        assertEquals(400, r.status());
        assertEquals("{\"message\":\"There were one or more missing or required fields\",\"errors\":{\"dstDomain\":\"is invalid\"},\"statusCode\":400}", r.body());
        Reply missing = call("POST", "/1.0/events?customerKey=" + key, "{\"dstDomain\":\"a.bad.xyz\"}");
        assertEquals(400, missing.status());
        assertEquals("is required", missing.json().get("errors").get("alertTime").asText());
        assertEquals(0, Json.mapper().readTree(cli.run("see-domains", "threatq", "-o", "json").ok().out()).size());
    }

    @Test
    void keysMethodsAndSizesAreChecked() throws Exception {
        assertEquals(401, call("GET", "/1.0/domains?customerKey=00000000-0000-4000-8000-000000000000", null).status());
        assertEquals(401, call("GET", "/1.0/domains", null).status());
        assertEquals(405, call("GET", "/1.0/events?customerKey=" + key, null).status());
        assertEquals(413, call("POST", "/1.0/events?customerKey=" + key, "[" + "x".repeat(5000) + "]").status());
        cli.run("disable-integration", "threatq").ok();
        assertEquals(403, call("GET", "/1.0/domains?customerKey=" + key, null).status());
    }

    @Test
    void overTheRateLimitTheAnswerIs429WithRetryAfter() throws Exception {
        try (ReceiverServer limited = new ReceiverServer(cli.context().store(), cli.context().imports(), cli.context().lists(),
                new ReceiverServer.Settings("127.0.0.1", 0, 4096, 2, 0.001), new PrintWriter(accessLog, true), Clock.systemUTC())) {
            limited.start();
            String url = "http://127.0.0.1:" + limited.port() + "/1.0/domains?customerKey=" + key;
            // One request per 1,000 s: the first goes through, the second must wait.
            try (Response first = http.newCall(new Request.Builder().url(url).build()).execute()) {
                assertEquals(200, first.code());
            }
            try (Response second = http.newCall(new Request.Builder().url(url).build()).execute()) {
                assertEquals(429, second.code());
                long retryAfter = Long.parseLong(second.header("Retry-After"));
                assertTrue(retryAfter > 900 && retryAfter <= 1000, "Retry-After " + retryAfter);
            }
        }
    }

    @Test
    void sendPostsEveryValidNameInBatches() throws Exception {
        java.nio.file.Path file = home.resolve("feed.txt");
        java.nio.file.Files.writeString(file, IntStream.range(0, 250).mapToObj(i -> "s" + i + ".bad.xyz").collect(Collectors.joining("\n"))
                + "\nbad..xyz\n");
        // This test server takes 4 KiB bodies at most: batches of 10 events fit.
        var r = cli.run("send", base + "/1.0/events?customerKey=" + key, file.toString(), "--batch", "10").expect(4);
        assertTrue(r.err().contains("251 read, 250 sent in 25 request(s), 1 rejected"), r.err());
        assertEquals(250, Json.mapper().readTree(cli.run("see-domains", "threatq", "--all", "-o", "json").ok().out()).size());
        assertEquals(25, accessLog.toString().lines().filter(l -> l.contains("POST /1.0/events 202")).count());
    }

    @Test
    void sendGivesUpWhenTheServerAsksToWaitLongerThanAllowed() throws Exception {
        try (ReceiverServer limited = new ReceiverServer(cli.context().store(), cli.context().imports(), cli.context().lists(),
                new ReceiverServer.Settings("127.0.0.1", 0, 1 << 20, 2, 0.001), new PrintWriter(accessLog, true), Clock.systemUTC())) {
            limited.start();
            var r = cli.runWithInput(IntStream.range(0, 150).mapToObj(i -> "r" + i + ".bad.xyz").collect(Collectors.joining("\n")),
                    "send", "http://127.0.0.1:" + limited.port() + "/1.0/events?customerKey=" + key, "-", "--batch", "100", "--max-wait", "5")
                    .expect(1);
            assertTrue(r.err().contains("rate limited; the server asks to retry after"), r.err());
            assertFalse(r.err().contains(key), "the key is not echoed");
            assertEquals(100, Json.mapper().readTree(cli.run("see-domains", "threatq", "--all", "-o", "json").ok().out()).size());
        }
    }

    @Test
    void concurrentPostsAllLand() throws Exception {
        int clients = 6;
        int perClient = 10;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                for (int r = 0; r < perClient; r++) {
                    String body = "[" + event("c" + c + "-r" + r + "-a.bad.xyz") + "," + event("c" + c + "-r" + r + "-b.bad.xyz") + "]";
                    statuses.add(pool.submit(() -> call("POST", "/1.0/events?customerKey=" + key, body).status()));
                }
            }
            for (var status : statuses) {
                assertEquals(202, status.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(clients * perClient * 2, Json.mapper().readTree(cli.run("see-domains", "threatq", "--all", "-o", "json").ok().out()).size());
        assertEquals(clients * perClient * 2, Json.mapper().readTree(cli.run("events", "threatq", "--limit", "1000", "-o", "json").ok().out()).size());
    }

    @Test
    void aClientPagesThroughEveryDomainByFollowingNext() throws Exception {
        cli.runWithInput(IntStream.range(0, 450).mapToObj(i -> "h" + i + ".bad.xyz").collect(Collectors.joining("\n")), "import", "threatq").ok();
        Set<String> seen = new HashSet<>();
        String url = base + "/1.0/domains?customerKey=" + key;
        int pages = 0;
        while (true) {
            JsonNode page;
            try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
                assertEquals(200, response.code());
                page = Json.mapper().readTree(response.body().string());
            }
            pages++;
            for (JsonNode d : page.get("data")) {
                assertTrue(seen.add(d.get("name").asText()));
                assertTrue(d.get("id").isNumber() && d.get("lastSeenAt").isNumber());
            }
            JsonNode next = page.get("meta").get("next");
            if (next.isBoolean()) {
                assertFalse(next.asBoolean());
                break;
            }
            url = next.asText();
        }
        assertEquals(450, seen.size());
        assertEquals(3, pages);
        Reply tooMany = call("GET", "/1.0/domains?customerKey=" + key + "&limit=201", null);
        assertEquals(400, tooMany.status());
        assertEquals("{\"code\":\"BadRequestError\",\"message\":\"Limit must be a number less than or equal to 200\",\"statusCode\":400}", tooMany.body());
    }

    @Test
    void deletesByIdByNameAndByWhereName() throws Exception {
        cli.runWithInput("a.bad.xyz\nb.bad.xyz\nc.bad.xyz\n", "import", "threatq").ok();
        JsonNode data = call("GET", "/1.0/domains?customerKey=" + key, null).json().get("data");
        long idOfA = 0;
        for (JsonNode d : data) {
            if (d.get("name").asText().equals("a.bad.xyz")) {
                idOfA = d.get("id").asLong();
            }
        }
        assertEquals(204, call("DELETE", "/1.0/domains/" + idOfA + "?customerKey=" + key, null).status());
        assertEquals(204, call("DELETE", "/1.0/domains/b.bad.xyz?customerKey=" + key, null).status());
        assertEquals(204, call("DELETE", "/1.0/domains?customerKey=" + key + "&where%5Bname%5D=c.bad.xyz", null).status());
        Reply missing = call("DELETE", "/1.0/domains/c.bad.xyz?customerKey=" + key, null);
        assertEquals(404, missing.status());
        assertEquals("{\"code\":\"NotFoundError\",\"message\":\"Domain not in domain list\",\"statusCode\":404}", missing.body());
        assertEquals(0, call("GET", "/1.0/domains?customerKey=" + key, null).json().get("data").size());
    }

    @Test
    void entriesStoredAsARunArePagedAndDeletedByIdLikeRows() throws Exception {
        // 1,200 new names in one import: stored as an entry run (V10), whose entry ids start at 2^52.
        cli.runWithInput(IntStream.range(0, 1_200).mapToObj(i -> "run" + i + ".bad.xyz").collect(Collectors.joining("\n")),
                "import", "threatq").ok();
        Set<Long> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int page = 1; page <= 7; page++) {
            for (JsonNode d : call("GET", "/1.0/domains?customerKey=" + key + "&limit=200&page=" + page, null).json().get("data")) {
                assertTrue(ids.add(d.get("id").asLong()), "each id once");
                assertTrue(names.add(d.get("name").asText()), "each name once");
            }
        }
        assertEquals(1_200, names.size());
        long id = ids.stream().max(Long::compare).orElseThrow();
        assertTrue(id >= 1L << 52 && id < 1L << 53, "a run's entry id, exact as a JSON number: " + id);
        assertEquals(204, call("DELETE", "/1.0/domains/" + id + "?customerKey=" + key, null).status());
        assertEquals(404, call("DELETE", "/1.0/domains/" + id + "?customerKey=" + key, null).status());
        assertEquals(1_199, Json.mapper().readTree(cli.run("see-domains", "threatq", "--all", "-o", "json").ok().out()).size());
    }
}
