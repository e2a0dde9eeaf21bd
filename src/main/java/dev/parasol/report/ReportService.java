package dev.parasol.report;

import dev.parasol.ParasolException;
import dev.parasol.policy.Decision;
import dev.parasol.policy.DecisionEngine;
import dev.parasol.policy.Identity;
import dev.parasol.policy.Integration;
import dev.parasol.policy.Policy;
import dev.parasol.policy.PolicySnapshot;
import dev.parasol.policy.SecuritySetting;
import dev.parasol.policy.Verdict;
import dev.parasol.service.DecisionService;
import dev.parasol.service.Names;
import dev.parasol.store.ActivityCounts;
import dev.parasol.store.ActivityRecord;
import dev.parasol.store.ActivityTally;
import dev.parasol.store.Store;
import dev.parasol.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/** Summaries over activity and the audit-mode preview. */
public final class ReportService {
    /** Per-day series longer than this would not fit a line or a chart; longer ranges show the days with data. */
    private static final int MAX_DAYS = 366;
    /** Distinct names whose what-if decision is remembered during one preview. */
    private static final int DECISION_CACHE = 200_000;

    private final Store store;

    public ReportService(Store store) {
        this.store = store;
    }

    public ActivitySummary summary(Instant from, Instant to, int top) {
        if (!from.isBefore(to)) {
            throw ParasolException.usage("--from must be before --to");
        }
        ActivityService.moveLegacyActivity(store);
        return store.read(tx -> {
            Set<String> enabled = enabledCategories(tx);
            ActivityTally tally = tx.activity().tally(from, to);
            Map<LocalDate, ActivityCounts.DayCount> perDay = new TreeMap<>();
            for (ActivityCounts.DayCount d : tally.perDay()) {
                perDay.put(d.day(), d);
            }
            Map<String, Map<LocalDate, Long>> categories = new TreeMap<>();
            for (ActivityCounts.CategoryDayCount c : tally.categoryHitsPerDay()) {
                if (enabled.contains(c.category())) {
                    categories.computeIfAbsent(c.category(), k -> new TreeMap<>()).put(c.day(), c.hits());
                }
            }
            return new ActivitySummary(from, to, tally.totals(), tally.topBlockedDomains(top),
                    tally.topIdentities(top), days(from, to, perDay.keySet()), perDay, categories);
        });
    }

    private static List<LocalDate> days(Instant from, Instant to, Set<LocalDate> withData) {
        LocalDate first = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
        if (first.plusDays(MAX_DAYS).isBefore(last)) {
            return List.copyOf(new java.util.TreeSet<>(withData));
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    private static Set<String> enabledCategories(Tx tx) throws SQLException {
        Set<String> enabled = new HashSet<>();
        for (Integration i : tx.integrations().all()) {
            if (i.enabled()) {
                enabled.add(i.category());
            }
        }
        return enabled;
    }

    /**
     * Re-decides, with a copy of the policies in which {@code policyName}'s security setting also
     * enforces {@code integrationName}, every request that policy allowed in the range. The
     * copy gets a setting of its own, so other policies sharing the setting are unchanged.
     */
    public AuditPreview preview(String integrationName, String policyName, Instant from, Instant to, int examples) {
        if (!from.isBefore(to)) {
            throw ParasolException.usage("--from must be before --to");
        }
        ActivityService.moveLegacyActivity(store);
        return store.read(tx -> {
            List<Integration> integrations = tx.integrations().all();
            Integration integration = integrations.stream()
                    .filter(i -> i.name().equalsIgnoreCase(integrationName.strip()) || i.displayName().equalsIgnoreCase(integrationName.strip()))
                    .findFirst()
                    .orElseThrow(() -> Names.notFound("integration", integrationName, integrations.stream().map(Integration::name).toList()));
            if (!integration.enabled()) {
                throw ParasolException.conflict("integration '" + integration.name() + "' is disabled: it has no hits to preview; enable it first");
            }
            List<Policy> policies = tx.policies().allPolicies();
            int policyIndex = -1;
            for (int i = 0; i < policies.size(); i++) {
                if (policies.get(i).name().equalsIgnoreCase(policyName.strip())) {
                    policyIndex = i;
                }
            }
            if (policyIndex < 0) {
                throw Names.notFound("policy", policyName, policies.stream().map(Policy::name).toList());
            }
            Policy policy = policies.get(policyIndex);
            List<SecuritySetting> settings = new ArrayList<>(tx.policies().allSettings());
            SecuritySetting current = settings.stream().filter(s -> s.id() == policy.securitySettingId()).findFirst().orElseThrow();
            boolean alreadyEnforced = current.integrationIds().contains(integration.id());
            Set<Long> enforced = new HashSet<>(current.integrationIds());
            enforced.add(integration.id());
            // An id no stored setting has: the what-if setting belongs to this policy alone.
            long whatIfId = settings.stream().mapToLong(SecuritySetting::id).max().orElse(0) + 1;
            settings.add(new SecuritySetting(whatIfId, current.name() + " + " + integration.displayName(), enforced));
            List<Policy> whatIf = new ArrayList<>(policies);
            whatIf.set(policyIndex, new Policy(policy.id(), policy.name(), policy.position(), policy.isDefault(), whatIfId,
                    policy.identities(), policy.listIds()));
            PolicySnapshot snapshot = new PolicySnapshot(whatIf, tx.lists().all(), integrations, settings);
            DecisionService.InMemoryPolicies loaded = DecisionService.loadInMemory(tx, snapshot);
            DecisionEngine engine = new DecisionEngine(snapshot, loaded.membership());

            PreviewTally tally = new PreviewTally(examples);
            int index = policyIndex;
            Map<String, Decision> decided = new HashMap<>();
            tx.activity().forEachAllowed(policy.name(), from, to, (place, r) -> {
                Decision d = decided.get(r.domain().value());
                if (d == null) {
                    if (decided.size() >= DECISION_CACHE) {
                        decided.clear();
                    }
                    d = engine.decide(r.domain(), index);
                    decided.put(r.domain().value(), d);
                }
                tally.add(place, r, d);
            });
            return tally.preview(integration, policy.name(), alreadyEnforced);
        });
    }

    /**
     * Counts what the what-if blocks: requests, per identity, per domain, and the first examples
     * (earliest by time, then by place in the store, whatever order the requests come in).
     */
    private static final class PreviewTally {
        private record Example(long place, ActivityRecord record) {
        }

        private static final Comparator<Example> EARLIEST = Comparator.<Example, java.time.Instant>comparing(e -> e.record().time())
                .thenComparingLong(Example::place);
        private final int maxExamples;
        /** The latest kept example at the head, so an earlier one can replace it. */
        private final PriorityQueue<Example> examples = new PriorityQueue<>(EARLIEST.reversed());
        private final Map<String, long[]> identities = new HashMap<>();
        private final Map<String, long[]> domains = new HashMap<>();
        private long allowed;
        private long wouldBlock;

        PreviewTally(int maxExamples) {
            this.maxExamples = maxExamples;
        }

        void add(long place, ActivityRecord r, Decision whatIf) {
            allowed++;
            if (whatIf.verdict() != Verdict.BLOCKED) {
                return;
            }
            wouldBlock++;
            identities.computeIfAbsent(r.identity().map(Identity::toString).orElse(""), k -> new long[1])[0]++;
            domains.computeIfAbsent(r.domain().value(), k -> new long[1])[0]++;
            if (maxExamples <= 0) {
                return;
            }
            Example e = new Example(place, r);
            if (examples.size() >= maxExamples) {
                if (EARLIEST.compare(e, examples.peek()) >= 0) {
                    return;
                }
                examples.poll();
            }
            examples.add(new Example(place, new ActivityRecord(r.time(), r.identity(), r.client(), r.domain(), r.queryType(), Verdict.BLOCKED,
                    r.policy(), whatIf.categories(), whatIf.matched(), r.source())));
        }

        AuditPreview preview(Integration integration, String policy, boolean alreadyEnforced) {
            List<ActivityCounts.IdentityCount> byIdentity = sorted(identities).entrySet().stream()
                    .map(e -> new ActivityCounts.IdentityCount(e.getKey(), e.getValue(), e.getValue())).toList();
            List<ActivityCounts.DomainCount> byDomain = sorted(domains).entrySet().stream()
                    .map(e -> new ActivityCounts.DomainCount(e.getKey(), e.getValue())).toList();
            return new AuditPreview(integration.name(), integration.category(), policy, alreadyEnforced, allowed, wouldBlock,
                    byIdentity, byDomain, examples.stream().sorted(EARLIEST).map(Example::record).toList());
        }

        /** Most requests first, then by name, for stable output. */
        private static Map<String, Long> sorted(Map<String, long[]> counts) {
            Map<String, Long> out = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                    .forEach(e -> out.put(e.getKey(), e.getValue()[0]));
            return out;
        }
    }
}
