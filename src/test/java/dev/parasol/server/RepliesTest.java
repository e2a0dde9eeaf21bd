package dev.parasol.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.intake.MalformedEventsException;
import dev.parasol.service.IntegrationDisabledException;
import dev.parasol.store.StoreException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of failure becomes its own status, on purpose, in one place. */
class RepliesTest {
    @Test
    void eachKindOfFailureHasItsStatus() {
        assertEquals(400, Replies.of(new MalformedEventsException(Map.of("dstDomain", "is invalid"))).status());
        assertEquals(403, Replies.of(new IntegrationDisabledException("disabled")).status());
        assertEquals(404, Replies.of(ParasolException.notFound("no such integration")).status());
        assertEquals(409, Replies.of(ParasolException.conflict("in use")).status());
        assertEquals(400, Replies.of(ParasolException.usage("bad value")).status());
        Replies.Reply busy = Replies.of(new StoreException("the store stayed busy", new SQLException("lock")));
        assertEquals(503, busy.status());
        assertTrue(busy.retryAfter(), "503 says when to retry");
        assertFalse(busy.bug());
    }

    @Test
    void aBugIs500AndItsCauseStaysInTheLog() {
        Replies.Reply bug = Replies.of(new IllegalStateException("store error: constraint X violated at /var/lib/secret"));
        assertEquals(500, bug.status());
        assertTrue(bug.bug(), "logged by the handler");
        assertFalse(bug.body().toString().contains("constraint"), "the client is told nothing of the cause");
        assertEquals(500, Replies.of(new ParasolException(ExitCode.FAILURE, "cannot read the import spool")).status());
    }
}
