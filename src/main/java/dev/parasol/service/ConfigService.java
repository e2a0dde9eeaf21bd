package dev.parasol.service;

import dev.parasol.ParasolException;
import dev.parasol.report.RetentionPeriod;
import dev.parasol.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Store-wide settings. Each one's value comes from its environment variable if that is set,
 * else from the store (`parasol config set`, audited), else its default.
 */
public final class ConfigService {
    /** A setting: its name, the variable that overrides it, its default, and how a value is checked (and normalised). */
    public record Setting(String name, String env, String defaultValue, String description, UnaryOperator<String> check) {
    }

    /** A setting's value now and where it came from: "env", "store" or "default". */
    public record Value(Setting setting, String value, String source) {
    }

    public static final String PORT = "port";
    public static final String RATE_LIMIT = "rate-limit";
    public static final String OUTPUT = "output";

    public static final List<Setting> SETTINGS = List.of(
            new Setting(IntegrationService.BASE_URL_SETTING, "PARASOL_PUBLIC_BASE_URL", IntegrationService.DEFAULT_BASE_URL,
                    "the base of the integration URLs TIPs post to", ConfigService::checkBaseUrl),
            new Setting(PORT, "PARASOL_PORT", "8614", "the port 'serve' listens on without --port",
                    v -> checkNumber(PORT, v, 0, 65535)),
            new Setting(RATE_LIMIT, "PARASOL_RATE_LIMIT", "0",
                    "requests a second per integration 'serve' accepts without --rate-limit (0: unlimited)",
                    v -> checkNumber(RATE_LIMIT, v, 0, 1_000_000)),
            new Setting(OUTPUT, "PARASOL_OUTPUT", "table", "the output format of commands run without -o: table, json or csv",
                    ConfigService::checkOutput),
            new Setting(RetentionPeriod.SETTING, "PARASOL_ACTIVITY_RETENTION", RetentionPeriod.DEFAULT,
                    "how old activity 'activity prune' deletes without --older-than (48h, 30d, 12w)", ConfigService::checkRetention));

    private final Store store;
    private final Clock clock;
    private final Function<String, Optional<String>> environment;

    /** The values stored when the decision cache was built, for a check that never opens the store; null otherwise. */
    private final Map<String, String> storedSnapshot;

    public ConfigService(Store store, Clock clock, Function<String, Optional<String>> environment) {
        this(store, clock, environment, null);
    }

    private ConfigService(Store store, Clock clock, Function<String, Optional<String>> environment, Map<String, String> storedSnapshot) {
        this.store = store;
        this.clock = clock;
        this.environment = environment;
        this.storedSnapshot = storedSnapshot;
    }

    /** Reads settings from {@code stored} (as the decision cache keeps them) instead of the store; cannot set them. */
    public static ConfigService readingFrom(Map<String, String> stored, Function<String, Optional<String>> environment) {
        return new ConfigService(null, Clock.systemUTC(), environment, Map.copyOf(stored));
    }

    /** Every stored setting (names without a stored value are absent). */
    static Map<String, String> storedValues(dev.parasol.store.Tx tx) throws java.sql.SQLException {
        Map<String, String> stored = new java.util.HashMap<>();
        for (Setting s : SETTINGS) {
            tx.settings().get(s.name()).ifPresent(v -> stored.put(s.name(), v));
        }
        return stored;
    }

    public List<Value> list() {
        Map<String, String> storedValues = storedSnapshot != null ? storedSnapshot : store.read(ConfigService::storedValues);
        List<Value> values = new ArrayList<>();
        for (Setting s : SETTINGS) {
            Optional<String> fromEnv = environment.apply(s.env()).map(v -> checkEnv(s, v));
            Optional<String> stored = Optional.ofNullable(storedValues.get(s.name()));
            values.add(fromEnv.map(v -> new Value(s, v, "env " + s.env()))
                    .or(() -> stored.map(v -> new Value(s, v, "store")))
                    .orElse(new Value(s, s.defaultValue(), "default")));
        }
        return values;
    }

    public Value get(String name) {
        List<Value> all = list();
        return all.stream().filter(v -> v.setting().name().equals(name)).findFirst()
                .orElseThrow(() -> Names.notFound("setting", name, all.stream().map(v -> v.setting().name()).toList()));
    }

    /** Stores a value (audited); returns the setting, so callers can tell when its variable overrides it. */
    public Setting set(Actor actor, String name, String value) {
        Setting setting = SETTINGS.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> Names.notFound("setting", name, SETTINGS.stream().map(Setting::name).toList()));
        String checked = setting.check().apply(value.strip());
        store.inTransaction(tx -> {
            Optional<String> before = tx.settings().get(name);
            tx.settings().put(name, checked);
            AuditWriter.record(tx, clock.instant(), actor, before.isPresent() ? AuditWriter.UPDATE : AuditWriter.CREATE,
                    "setting", name, before.map(b -> Map.of("value", b)).orElse(null), Map.of("value", checked));
            return null;
        });
        return setting;
    }

    private static String checkEnv(Setting s, String value) {
        try {
            return s.check().apply(value.strip());
        } catch (ParasolException e) {
            throw ParasolException.usage("$" + s.env() + ": " + e.getMessage());
        }
    }

    private static String checkBaseUrl(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw ParasolException.usage("public-base-url must be an http(s) URL without query, e.g. https://parasol.example.com");
            }
            return value;
        } catch (URISyntaxException e) {
            throw ParasolException.usage("public-base-url '" + value + "' is not a URL: " + e.getReason());
        }
    }

    private static String checkNumber(String name, String value, long min, long max) {
        try {
            double d = Double.parseDouble(value);
            if (d < min || d > max || Double.isNaN(d) || (name.equals(PORT) && d != Math.rint(d))) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ParasolException.usage(name + " must be a number from " + min + " to " + max + ", not '" + value + "'");
        }
    }

    private static String checkRetention(String value) {
        RetentionPeriod.parse(value);
        return value;
    }

    private static String checkOutput(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!List.of("table", "json", "csv").contains(v)) {
            throw ParasolException.usage("output must be table, json or csv, not '" + value + "'");
        }
        return v;
    }
}
