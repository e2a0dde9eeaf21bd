package dev.parasol.service;

import dev.parasol.ParasolException;
import dev.parasol.policy.DestinationList;
import dev.parasol.policy.Integration;
import dev.parasol.policy.ListKind;
import dev.parasol.policy.Policy;
import dev.parasol.policy.SecuritySetting;
import dev.parasol.store.EntryQuery;
import dev.parasol.store.Store;
import dev.parasol.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Enabling, disabling and describing threat-intelligence integrations. */
public final class IntegrationService {
    public static final String BASE_URL_SETTING = "public-base-url";
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8614";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final Store store;
    private final Clock clock;
    private final Optional<String> baseUrlOverride;

    public IntegrationService(Store store, Clock clock, Optional<String> baseUrlOverride) {
        this.store = store;
        this.clock = clock;
        this.baseUrlOverride = baseUrlOverride;
    }

    public record Enabled(IntegrationView view, boolean created, boolean keyRotated) {
    }

    /**
     * Enables an integration, creating it (and its destination list) on first use. The
     * customer key is kept across disable/enable unless {@code rotateKey}.
     */
    public Enabled enable(Actor actor, String name, Optional<String> displayName, boolean rotateKey) {
        String key = normaliseName(name);
        return store.inTransaction(tx -> {
            Instant now = clock.instant();
            Optional<Integration> existing = tx.integrations().findByName(key);
            boolean created = existing.isEmpty();
            Integration before = existing.orElse(null);
            Integration i = existing.isPresent() ? existing.get()
                    : tx.integrations().insert(key, displayName.map(String::strip).filter(d -> !d.isEmpty()).orElse(name.strip()), now);
            long listId;
            if (i.listId().isPresent()) {
                listId = i.listId().get();
            } else {
                if (tx.lists().findByName(i.listName()).isPresent()) {
                    throw ParasolException.conflict("a destination list named '" + i.listName()
                            + "' already exists; rename or delete it before enabling " + i.displayName());
                }
                DestinationList list = tx.lists().insert(i.listName(), ListKind.BLOCK, Optional.of(i.id()), now);
                AuditWriter.record(tx, now, actor, AuditWriter.CREATE, "destination-list", list.name(), null, listJson(list));
                listId = list.id();
            }
            boolean rotated = rotateKey || i.customerKey().isEmpty();
            String customerKey = rotated ? UUID.randomUUID().toString() : i.customerKey().get();
            Integration after = new Integration(i.id(), i.name(), i.displayName(), true, Optional.of(customerKey),
                    Optional.of(listId), i.createdAt());
            tx.integrations().update(after);
            if (before == null || !before.enabled() || rotated) {
                Map<String, Object> afterJson = auditJson(after);
                if (rotated && before != null && before.customerKey().isPresent()) {
                    afterJson.put("customerKeyRotated", true);
                }
                AuditWriter.record(tx, now, actor, before == null ? AuditWriter.CREATE : AuditWriter.UPDATE, "integration", after.displayName(),
                        before == null ? null : auditJson(before), afterJson);
            }
            return new Enabled(view(tx, after), created, rotated && before != null && before.customerKey().isPresent());
        });
    }

    public IntegrationView disable(Actor actor, String name) {
        return store.inTransaction(tx -> {
            Integration i = find(tx, name);
            if (!i.enabled()) {
                return view(tx, i);
            }
            Integration after = new Integration(i.id(), i.name(), i.displayName(), false, i.customerKey(), i.listId(), i.createdAt());
            tx.integrations().update(after);
            AuditWriter.record(tx, clock.instant(), actor, AuditWriter.UPDATE, "integration", i.displayName(), auditJson(i), auditJson(after));
            return view(tx, after);
        });
    }

    public List<IntegrationView> list() {
        return store.read(tx -> {
            List<IntegrationView> out = new ArrayList<>();
            for (Integration i : tx.integrations().all()) {
                out.add(view(tx, i));
            }
            return out;
        });
    }

    public IntegrationView show(String name) {
        return store.read(tx -> view(tx, find(tx, name)));
    }

    /** The integration by command-line name, or a not-found error with a suggestion. */
    public static Integration find(Tx tx, String name) throws SQLException {
        String key = name.strip().toLowerCase(Locale.ROOT);
        Optional<Integration> found = tx.integrations().findByName(key);
        if (found.isPresent()) {
            return found.get();
        }
        List<String> names = tx.integrations().all().stream().map(Integration::name).toList();
        throw Names.notFound("integration", name, names);
    }

    /** Like {@link #find} but the integration must be enabled, as for accepting indicators. */
    public static Integration findEnabled(Tx tx, String name) throws SQLException {
        Integration i = find(tx, name);
        if (!i.enabled() || i.listId().isEmpty()) {
            throw new IntegrationDisabledException("integration '" + i.name() + "' is disabled; enable it with: parasol enable-integration "
                    + i.name());
        }
        return i;
    }

    private IntegrationView view(Tx tx, Integration i) throws SQLException {
        long domains = i.listId().isPresent() ? tx.lists().countEntries(i.listId().get(), EntryQuery.all()) : 0L;
        String url = i.customerKey().isPresent() ? baseUrl(tx) + "/1.0/events?customerKey=" + i.customerKey().get() : "";
        return new IntegrationView(i, url, domains, mode(tx, i));
    }

    private static String mode(Tx tx, Integration i) throws SQLException {
        if (!i.enabled()) {
            return "disabled";
        }
        Set<Long> usedSettings = new HashSet<>();
        for (Policy p : tx.policies().allPolicies()) {
            usedSettings.add(p.securitySettingId());
        }
        for (SecuritySetting s : tx.policies().allSettings()) {
            if (usedSettings.contains(s.id()) && s.integrationIds().contains(i.id())) {
                return "enforced";
            }
        }
        return "audit";
    }

    String baseUrl(Tx tx) throws SQLException {
        if (baseUrlOverride.isPresent()) {
            return stripSlash(baseUrlOverride.get());
        }
        return stripSlash(tx.settings().get(BASE_URL_SETTING).orElse(DEFAULT_BASE_URL));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String normaliseName(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
        if (!NAME.matcher(key).matches()) {
            throw ParasolException.usage("integration name '" + name
                    + "' must be letters, digits, '-' or '_' (up to 64), starting with a letter or digit");
        }
        return key;
    }

    /** What the audit log keeps of an integration: never its customer key. */
    static Map<String, Object> auditJson(Integration i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", i.name());
        m.put("displayName", i.displayName());
        m.put("enabled", i.enabled());
        m.put("hasCustomerKey", i.customerKey().isPresent());
        return m;
    }

    static Map<String, Object> listJson(DestinationList l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("kind", l.kind().label());
        m.put("type", l.typeLabel());
        return m;
    }
}
