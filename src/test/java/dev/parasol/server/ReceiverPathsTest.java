package dev.parasol.server;

import static dev.parasol.server.RunningReceiver.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.support.CliTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paths as client scripts write them: with a trailing slash, with the query's brackets escaped or not. */
class ReceiverPathsTest extends CliTest {
    RunningReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new RunningReceiver(cli, new ReceiverServer.Settings("127.0.0.1", 0, 1 << 20, 4, 0));
        cli.runWithInput("a.bad.xyz\nb.bad.xyz\nc.bad.xyz\nd.bad.xyz\ne.bad.xyz\n", "import", "threatq").ok();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private long idOf(String name) throws Exception {
        for (JsonNode d : receiver.call("GET", "/1.0/domains/?customerKey=" + receiver.key, null).json().get("data")) {
            if (d.get("name").asText().equals(name)) {
                return d.get("id").asLong();
            }
        }
        throw new AssertionError(name + " not listed");
    }

    @Test
    void aTrailingSlashNamesTheSameResource() throws Exception {
        String k = "?customerKey=" + receiver.key;
        assertEquals(202, receiver.call("POST", "/1.0/events/" + k, event("f.bad.xyz")).status());
        var page = receiver.call("GET", "/1.0/domains/" + k, null);
        assertEquals(200, page.status());
        assertEquals(6, page.json().get("data").size());
        assertEquals(204, receiver.call("DELETE", "/1.0/domains/" + k + "&where[name]=a.bad.xyz", null).status());
        assertEquals(204, receiver.call("DELETE", "/1.0/domains/" + k + "&where%5Bname%5D=b.bad.xyz", null).status());
        assertEquals(204, receiver.call("DELETE", "/1.0/domains" + k + "&where%5bname%5d=c.bad.xyz", null).status());
        assertEquals(204, receiver.call("DELETE", "/1.0/domains/" + idOf("d.bad.xyz") + "/" + k, null).status());
        assertEquals(204, receiver.call("DELETE", "/1.0/domains/e.bad.xyz/" + k, null).status());
        assertEquals(404, receiver.call("DELETE", "/1.0/domains/e.bad.xyz/" + k, null).status(), "gone already");
        var rest = receiver.call("GET", "/1.0/domains" + k, null).json().get("data");
        assertEquals(1, rest.size());
        assertEquals("f.bad.xyz", rest.get(0).get("name").asText());
    }

    @Test
    void otherPathsAndMethodsAreStillRefused() throws Exception {
        String k = "?customerKey=" + receiver.key;
        assertEquals(404, receiver.call("GET", "/1.0/domain" + k, null).status());
        assertEquals(404, receiver.call("GET", "/1.0/domains/a/b" + k, null).status());
        assertEquals(404, receiver.call("POST", "/1.0/eventsx" + k, event("g.bad.xyz")).status());
        var wrong = receiver.call("PUT", "/1.0/events/" + k, event("g.bad.xyz"));
        assertEquals(405, wrong.status());
        assertEquals("POST", wrong.response().header("Allow"));
        assertEquals(400, receiver.call("DELETE", "/1.0/domains/" + k, null).status(), "a delete must name a domain");
        assertTrue(receiver.accessLog.toString().contains("DELETE /1.0/domains/ 400"), receiver.accessLog.toString());
    }
}
