package dev.parasol.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Enforcement-API resource a request path names, spelled as clients spell it: a trailing
 * slash ({@code /1.0/events/}, {@code /1.0/domains/?where[name]=x}, {@code /1.0/domains/{id}/})
 * names the same resource as the path without it.
 */
record ApiRoute(Resource resource, Optional<String> domain) {
    enum Resource {
        /** POST /1.0/events */
        EVENTS(Set.of("POST")),
        /** GET or DELETE /1.0/domains (DELETE with ?where[name]=) */
        DOMAINS(Set.of("GET", "DELETE")),
        /** DELETE /1.0/domains/{id or name} */
        DOMAIN(Set.of("DELETE"));

        final Set<String> methods;

        Resource(Set<String> methods) {
            this.methods = methods;
        }
    }

    private static final String EVENTS_PATH = "/1.0/events";
    private static final String DOMAINS_PATH = "/1.0/domains";

    /** {@code decodedPath}: the path with its %-escapes decoded. Empty for a path the API does not have. */
    static Optional<ApiRoute> of(String decodedPath) {
        String path = decodedPath;
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals(EVENTS_PATH)) {
            return Optional.of(new ApiRoute(Resource.EVENTS, Optional.empty()));
        }
        if (path.equals(DOMAINS_PATH)) {
            return Optional.of(new ApiRoute(Resource.DOMAINS, Optional.empty()));
        }
        if (path.startsWith(DOMAINS_PATH + "/")) {
            String rest = path.substring(DOMAINS_PATH.length() + 1);
            if (!rest.isEmpty() && rest.indexOf('/') < 0) {
                return Optional.of(new ApiRoute(Resource.DOMAIN, Optional.of(rest)));
            }
        }
        return Optional.empty();
    }

    /**
     * The query's parameters, names and values %-decoded ({@code where%5Bname%5D} is
     * {@code where[name]}); the first of a repeated name wins.
     */
    static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                m.putIfAbsent(k, v);
            } catch (IllegalArgumentException badEscape) {
                // A malformed %-escape: the parameter is ignored, as if it had not been sent.
            }
        }
        return m;
    }
}
