package dev.parasol.report.log;

import java.time.Instant;
import java.util.Optional;

/**
 * One query read from a resolver log, before validation: {@code name} is as logged (perhaps
 * with a trailing dot), {@code client} an address or a host name. {@code rewrite} is present
 * for BIND RPZ lines: the resolver already acted on the name.
 */
public record LogQuery(Instant time, String client, String name, String queryType, Optional<RpzRewrite> rewrite) {

    public static LogQuery of(Instant time, String client, String name, String queryType) {
        return new LogQuery(time, client, name, queryType, Optional.empty());
    }

    /**
     * What an RPZ rewrite line says: the action ("NXDOMAIN", "NODATA", "PASSTHRU", ...),
     * whether the zone was log-only ("disabled"), and the owner name of the rule that fired,
     * which ends with the zone's name.
     */
    public record RpzRewrite(String action, boolean disabled, String ruleOwner) {
    }
}
