package dev.parasol.server;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.intake.MalformedEventsException;
import dev.parasol.service.IntegrationDisabledException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The receiver's answers in Umbrella's shapes, and the one place where a failure becomes an
 * HTTP status: each kind of error maps to its status on purpose, and anything unforeseen is a
 * 500 that says nothing of its cause to the client (the cause goes to the server's log).
 */
final class Replies {
    /** Seconds a client is asked to wait when the store or the server is busy. */
    static final int RETRY_AFTER_SECONDS = 1;

    /** An answer: status, JSON body (null for none), and whether the failure is a bug to log. */
    record Reply(int status, Object body, boolean retryAfter, boolean bug) {
        static Reply of(int status, Object body) {
            return new Reply(status, body, false, false);
        }
    }

    private Replies() {
    }

    static Reply error(int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", codeName(status));
        m.put("message", message);
        m.put("statusCode", status);
        return Reply.of(status, m);
    }

    static Reply badEvents(Map<String, String> errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", "There were one or more missing or required fields");
        m.put("errors", errors);
        m.put("statusCode", 400);
        return Reply.of(400, m);
    }

    static Reply busy(String message) {
        Reply r = error(503, message);
        return new Reply(503, r.body(), true, false);
    }

    /** What a failure while serving a request means for the client. */
    static Reply of(Throwable failure) {
        if (failure instanceof MalformedEventsException malformed) {
            return badEvents(malformed.errors());
        }
        if (failure instanceof IntegrationDisabledException) {
            return error(403, "Integration is disabled");
        }
        if (failure instanceof ParasolException p) {
            ExitCode kind = p.exitCode();
            switch (kind) {
                case NOT_FOUND:
                    return error(404, p.getMessage());
                case CONFLICT:
                    return error(409, p.getMessage());
                case USAGE:
                case INPUT_REJECTED:
                    return error(400, p.getMessage());
                case STORE_UNAVAILABLE:
                    return busy("The store is busy; retry");
                default:
                    break;
            }
        }
        Reply r = error(500, "Internal server error");
        return new Reply(500, r.body(), false, true);
    }

    static String codeName(int status) {
        return switch (status) {
            case 400 -> "BadRequestError";
            case 401 -> "UnauthorizedError";
            case 403 -> "ForbiddenError";
            case 404 -> "NotFoundError";
            case 405 -> "MethodNotAllowedError";
            case 408 -> "RequestTimeoutError";
            case 409 -> "ConflictError";
            case 413 -> "PayloadTooLargeError";
            case 429 -> "TooManyRequestsError";
            case 431 -> "RequestHeaderFieldsTooLargeError";
            case 503 -> "ServiceUnavailableError";
            default -> status >= 500 ? "InternalServerError" : "Error";
        };
    }
}
