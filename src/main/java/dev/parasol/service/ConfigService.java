package dev.parasol.service;

import dev.parasol.ParasolException;
import dev.parasol.report.RetentionPeriod;
import dev.parasol.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Store-wide settings: the public base URL and how long activity is kept. */
public final class ConfigService {
    private final Store store;
    private final Clock clock;

    public ConfigService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Map<String, String> list() {
        return store.read(tx -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(IntegrationService.BASE_URL_SETTING,
                    tx.settings().get(IntegrationService.BASE_URL_SETTING).orElse(IntegrationService.DEFAULT_BASE_URL));
            m.put(RetentionPeriod.SETTING, tx.settings().get(RetentionPeriod.SETTING).orElse(RetentionPeriod.DEFAULT));
            return m;
        });
    }

    public String get(String name) {
        String value = list().get(name);
        if (value == null) {
            throw Names.notFound("setting", name, list().keySet());
        }
        return value;
    }

    public void set(Actor actor, String name, String value) {
        if (IntegrationService.BASE_URL_SETTING.equals(name)) {
            validateBaseUrl(value);
        } else if (RetentionPeriod.SETTING.equals(name)) {
            RetentionPeriod.parse(value);
        } else {
            throw Names.notFound("setting", name, list().keySet());
        }
        store.inTransaction(tx -> {
            Optional<String> before = tx.settings().get(name);
            tx.settings().put(name, value);
            AuditWriter.record(tx, clock.instant(), actor, before.isPresent() ? AuditWriter.UPDATE : AuditWriter.CREATE,
                    "setting", name, before.map(b -> Map.of("value", b)).orElse(null), Map.of("value", value));
            return null;
        });
    }

    private static void validateBaseUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw ParasolException.usage("public-base-url must be an http(s) URL without query, e.g. https://parasol.example.com");
            }
        } catch (URISyntaxException e) {
            throw ParasolException.usage("public-base-url '" + value + "' is not a URL: " + e.getReason());
        }
    }
}
