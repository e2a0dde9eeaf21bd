package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.store.Store;
import dev.parasol.support.ParasolProcess;
import dev.parasol.support.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts sharing one PostgreSQL store (docs/postgresql.md): two `serve` processes behind what
 * would be a load balancer, each with its own home, take events for one integration while a
 * cron-style `import` runs on a third; every accepted name is in the one list, once.
 */
class PostgresReceiversIT {
    private static final int CLIENTS_PER_RECEIVER = 2;
    private static final int REQUESTS_PER_CLIENT = 10;
    private static final int EVENTS_PER_REQUEST = 20;
    private static final int IMPORTED = 500;

    @TempDir
    Path tmp;

    @Test
    void twoReceiversAndAnImporterShareOneStore() throws Exception {
        Postgres pg = Postgres.server();
        // The password comes from a pgpass file, as docs/postgresql.md recommends, not the URL.
        Path pgpass = tmp.resolve("pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + pg.port() + ":*:" + Postgres.USER + ":" + Postgres.PASSWORD + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        String db = pg.baseUrl() + "?user=" + Postgres.USER + "&currentSchema=" + pg.freshSchema();
        Map<String, String> env = Map.of("PARASOL_DB", db, "PGPASSFILE", pgpass.toString());
        ParasolProcess hostA = new ParasolProcess(tmp.resolve("host-a"), env);
        ParasolProcess hostB = new ParasolProcess(tmp.resolve("host-b"), env);
        ParasolProcess cron = new ParasolProcess(tmp.resolve("host-c"), env);

        String url = hostA.run("enable-integration", "threatq").ok().out().strip();
        String key = url.substring(url.indexOf("customerKey=") + "customerKey=".length());
        Path feed = tmp.resolve("feed.txt");
        Files.write(feed, IntStream.range(0, IMPORTED).mapToObj(i -> "cron-" + i + ".bad.xyz").collect(Collectors.toList()));

        Process serveA = hostA.start(null, "serve", "--port", "0");
        Process serveB = hostB.start(null, "serve", "--port", "0");
        ExecutorService clients = Executors.newFixedThreadPool(2 * CLIENTS_PER_RECEIVER);
        try {
            int[] ports = {ParasolProcess.receiverPort(serveA), ParasolProcess.receiverPort(serveB)};
            Process importer = cron.start(null, "import", "threatq", feed.toString());
            OkHttpClient http = new OkHttpClient();
            List<Future<Integer>> accepted = new ArrayList<>();
            for (int r = 0; r < ports.length; r++) {
                for (int c = 0; c < CLIENTS_PER_RECEIVER; c++) {
                    int port = ports[r];
                    String prefix = "r" + r + "c" + c + "-";
                    accepted.add(clients.submit(() -> post(http, port, key, prefix)));
                }
            }
            int events = 0;
            for (Future<Integer> f : accepted) {
                events += f.get();
            }
            ParasolProcess.await(importer).ok();
            int expectedEvents = 2 * CLIENTS_PER_RECEIVER * REQUESTS_PER_CLIENT * EVENTS_PER_REQUEST;
            assertEquals(expectedEvents, events, "every event answered 202");

            JsonNode integrations = Json.mapper().readTree(cron.run("integrations", "-o", "json").ok().out());
            JsonNode threatq = null;
            for (JsonNode i : integrations) {
                if (i.get("name").asText().equals("threatq")) {
                    threatq = i;
                }
            }
            assertEquals(expectedEvents + IMPORTED, threatq.get("domains").asInt(), "no write lost, none doubled");
            JsonNode audit = Json.mapper().readTree(hostB.run("audit", "search", "--user", "ThreatQ Account", "-o", "json").ok().out());
            long fromReceivers = 0;
            for (JsonNode record : audit) {
                fromReceivers += record.get("origin").asText().equals("http") ? 1 : 0;
            }
            assertEquals(2 * CLIENTS_PER_RECEIVER * REQUESTS_PER_CLIENT, fromReceivers, "one audit record per accepted request: " + audit);
            for (String host : List.of("host-a", "host-b", "host-c")) {
                assertFalse(Files.exists(tmp.resolve(host).resolve(Store.DATABASE_FILE)), host + " used the shared store, not an embedded one");
            }
        } finally {
            clients.shutdownNow();
            serveA.destroy();
            serveB.destroy();
            assertTrue(serveA.waitFor(30, TimeUnit.SECONDS) && serveB.waitFor(30, TimeUnit.SECONDS), "receivers stop on SIGTERM");
        }
    }

    /** Posts this client's requests; returns how many events were answered 202. */
    private static int post(OkHttpClient http, int port, String key, String prefix) throws Exception {
        int accepted = 0;
        for (int req = 0; req < REQUESTS_PER_CLIENT; req++) {
            StringBuilder body = new StringBuilder("[");
            for (int e = 0; e < EVENTS_PER_REQUEST; e++) {
                String domain = prefix + req + "-" + e + ".bad.xyz";
                body.append(e == 0 ? "" : ",").append("{\"alertTime\":\"2026-11-24T09:30:26Z\",\"deviceId\":\"d\",\"deviceVersion\":\"1\",")
                        .append("\"dstDomain\":\"").append(domain).append("\",\"dstUrl\":\"http://").append(domain).append("/gate\",")
                        .append("\"eventTime\":\"2026-11-24T09:30:26Z\",\"protocolVersion\":\"1.0a\",\"providerName\":\"Security Platform\"}");
            }
            body.append("]");
            try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/1.0/events?customerKey=" + key)
                    .post(RequestBody.create(body.toString(), MediaType.get("application/json"))).build()).execute()) {
                assertEquals(202, r.code(), prefix + req);
                accepted += EVENTS_PER_REQUEST;
            }
        }
        return accepted;
    }
}
