package dev.parasol.report;

import dev.parasol.policy.Cidr;
import dev.parasol.policy.Decision;
import dev.parasol.policy.DecisionEngine;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Membership;
import dev.parasol.policy.PolicySnapshot;
import dev.parasol.policy.Verdict;
import dev.parasol.report.log.LogQuery;
import dev.parasol.store.ActivityRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns queries into activity records with the current policies, loaded once. A client
 * becomes identities once (mapping file first, then the registered network identity holding
 * its address) and its policy is resolved once; after that each query is one decision.
 */
final class ActivityEvaluator {
    /** Enough for any site's clients; past it the cache starts over rather than growing without bound. */
    private static final int MAX_CLIENTS = 100_000;

    private final PolicySnapshot snapshot;
    private final DecisionEngine engine;
    private final List<Cidr> networks;
    private final IdentityMap identityMap;
    private final RpzZones zones;
    private final Map<String, Client> clients = new HashMap<>();
    private final int policies;

    /** Who a client is: the identity shown in activity, and the policy its requests get. */
    private record Client(Optional<Identity> shown, Optional<String> address, int policyIndex) {
    }

    ActivityEvaluator(PolicySnapshot snapshot, Membership membership, List<Identity> registeredIdentities,
                      IdentityMap identityMap, RpzZones zones) {
        this.snapshot = snapshot;
        this.engine = new DecisionEngine(snapshot, membership);
        this.networks = registeredIdentities.stream().filter(i -> i.type() == IdentityType.NETWORK)
                .map(i -> Cidr.parse(i.value())).toList();
        this.identityMap = identityMap;
        this.zones = zones;
        this.policies = snapshot.policies().size();
    }

    /**
     * A name with its decisions: popular names come back all day, and each is decided once per
     * policy (the engine is deterministic). The caller keeps it with the name as logged, so one
     * lookup a query finds both.
     */
    static final class Name {
        final DomainName domain;
        private final Decision[] byPolicy;

        private Name(DomainName domain, int policies) {
            this.domain = domain;
            this.byPolicy = new Decision[policies];
        }
    }

    Name name(DomainName domain) {
        return new Name(domain, policies);
    }

    ActivityRecord evaluate(LogQuery query, Name name, String source) {
        Client client = client(query.client());
        DomainName domain = name.domain;
        Decision d = name.byPolicy[client.policyIndex()];
        if (d == null) {
            d = engine.decide(domain, client.policyIndex());
            name.byPolicy[client.policyIndex()] = d;
        }
        if (query.rewrite().isPresent()) {
            return rewritten(query, query.rewrite().get(), d, client, source);
        }
        return record(query.time(), client, domain, query.queryType(), d.verdict(), d.policy(), d, d.matched(), source);
    }

    /** Activity for a decision already made (check --record). */
    static ActivityRecord of(Instant time, List<Identity> requestIdentities, Decision d, String source) {
        Optional<Identity> shown = requestIdentities.stream().filter(i -> i.type() != IdentityType.NETWORK).findFirst()
                .or(() -> requestIdentities.stream().findFirst());
        Optional<String> address = requestIdentities.stream().filter(i -> i.type() == IdentityType.NETWORK)
                .map(i -> i.value().endsWith("/32") || i.value().endsWith("/128") ? i.value().substring(0, i.value().indexOf('/')) : i.value())
                .findFirst();
        return new ActivityRecord(time, shown, address, d.domain(), "A", d.verdict(), d.policy(), d.categories(), d.matched(), source);
    }

    /**
     * The resolver acted already, so its action is the verdict and the zone names the policy and
     * (for per-list zones) the list; the evaluation adds the categories.
     */
    private ActivityRecord rewritten(LogQuery query, LogQuery.RpzRewrite rewrite, Decision d, Client client, String source) {
        Verdict verdict = rewrite.disabled() || "PASSTHRU".equalsIgnoreCase(rewrite.action()) ? Verdict.ALLOWED : Verdict.BLOCKED;
        Optional<RpzZones.Hit> hit = zones.resolve(query.name(), rewrite.ruleOwner());
        String policy = hit.flatMap(RpzZones.Hit::policy).orElse(d.policy());
        Optional<Decision.Match> match;
        if (hit.isEmpty()) {
            match = Optional.of(new Decision.Match("RPZ " + rewrite.ruleOwner(), d.domain().value()));
        } else if (hit.get().list().isPresent()) {
            match = Optional.of(new Decision.Match(hit.get().list().get(), hit.get().trigger()));
        } else {
            match = d.matched().or(() -> Optional.of(new Decision.Match("RPZ zone " + hit.get().zone(), hit.get().trigger())));
        }
        return record(query.time(), client, d.domain(), query.queryType(), verdict, policy, d, match, source);
    }

    private static ActivityRecord record(Instant time, Client client, DomainName domain, String queryType, Verdict verdict,
                                         String policy, Decision d, Optional<Decision.Match> match, String source) {
        return new ActivityRecord(time, client.shown(), client.address(), domain, queryType, verdict, policy, d.categories(), match, source);
    }

    private Client client(String text) {
        Client known = clients.get(text);
        if (known != null) {
            return known;
        }
        if (clients.size() >= MAX_CLIENTS) {
            clients.clear();
        }
        Client c = resolve(text);
        clients.put(text, c);
        return c;
    }

    private Client resolve(String text) {
        Optional<Cidr> address = address(text);
        List<Identity> request = new ArrayList<>(2);
        Optional<Identity> mapped = identityMap.lookup(text);
        mapped.ifPresent(request::add);
        Optional<Identity> shown = mapped;
        if (address.isPresent()) {
            Identity exact = new Identity(IdentityType.NETWORK, address.get().toString());
            request.add(exact);
            // Shown as the registered network it falls in (as Umbrella shows a network identity), else the address itself.
            shown = shown.or(() -> mostSpecificNetwork(address.get())).or(() -> Optional.of(exact));
        }
        Optional<String> clientText = Optional.of(text);
        return new Client(shown, clientText, snapshot.firstMatchingPolicy(request));
    }

    private static Optional<Cidr> address(String text) {
        try {
            return Optional.of(Cidr.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<Identity> mostSpecificNetwork(Cidr address) {
        Cidr best = null;
        for (Cidr n : networks) {
            if (n.contains(address) && (best == null || n.prefix() > best.prefix())) {
                best = n;
            }
        }
        return Optional.ofNullable(best).map(b -> new Identity(IdentityType.NETWORK, b.toString()));
    }
}
