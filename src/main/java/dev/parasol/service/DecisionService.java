package dev.parasol.service;

import dev.parasol.ParasolException;
import dev.parasol.intake.BoundedLineReader;
import dev.parasol.intake.Rejection;
import dev.parasol.policy.Cidr;
import dev.parasol.policy.Decision;
import dev.parasol.policy.DecisionEngine;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.InMemoryMembership;
import dev.parasol.policy.InvalidDomainException;
import dev.parasol.policy.PolicySnapshot;
import dev.parasol.policy.Verdict;
import dev.parasol.store.Store;
import dev.parasol.store.Tx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Answers "what happens to this request?" for one name or a stream of them. */
public final class DecisionService {
    private final Store store;

    public DecisionService(Store store) {
        this.store = store;
    }

    /** Request identities from TYPE:VALUE strings and an optional client address. */
    public static List<Identity> requestIdentities(List<String> identities, Optional<String> ip) {
        List<Identity> out = new ArrayList<>();
        for (String text : identities) {
            out.add(PolicyService.parseIdentity(text));
        }
        if (ip.isPresent()) {
            try {
                out.add(new Identity(IdentityType.NETWORK, Cidr.parse(ip.get()).toString()));
            } catch (IllegalArgumentException e) {
                throw ParasolException.usage("--ip: " + e.getMessage());
            }
        }
        return out;
    }

    /** The name a check asks about; a usage error when it is not a domain name. */
    public static DomainName requestedName(String domain) {
        try {
            return DomainName.parse(domain);
        } catch (InvalidDomainException e) {
            throw ParasolException.usage("'" + domain + "' is not a domain name: " + e.reason());
        }
    }

    /** One decision, looking the name and its parents up in the store's index. */
    public Decision check(String domain, List<Identity> identities) {
        DomainName name = requestedName(domain);
        return store.read(tx -> {
            PolicySnapshot snapshot = snapshot(tx);
            DecisionEngine engine = new DecisionEngine(snapshot, d -> {
                try {
                    return tx.membership().lookup(d.selfAndParents());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            return engine.decide(name, identities);
        });
    }

    /** Counts and timings of a batch; load is reading the lists, decide is the decisions themselves. */
    public record BatchSummary(long decisions, long blocked, long rejected, long entriesLoaded, long loadNanos, long decideNanos) {
    }

    /**
     * Decides every name in {@code in} (one a line) for the same identities. The relevant
     * lists are loaded into memory once, then each decision is a few hash probes.
     */
    public BatchSummary checkBatch(String sourceName, InputStream in, List<Identity> identities,
                                   Consumer<Decision> onDecision, Consumer<Rejection> onRejected) {
        long loadStart = System.nanoTime();
        InMemoryPolicies loaded = loadInMemory();
        long loadNanos = System.nanoTime() - loadStart;
        return checkBatch(new DecisionEngine(loaded.snapshot(), loaded.membership()), loaded.membership().size(), loadNanos,
                sourceName, in, identities, onDecision, onRejected);
    }

    /** The same over an engine already at hand (the decision cache's), which holds {@code entries} entries. */
    public static BatchSummary checkBatch(DecisionEngine engine, long entries, long loadNanos, String sourceName, InputStream in,
                                          List<Identity> identities, Consumer<Decision> onDecision, Consumer<Rejection> onRejected) {
        int policy = engine.policyIndexFor(identities);
        long decisions = 0;
        long blocked = 0;
        long rejected = 0;
        long decideStart = System.nanoTime();
        try (BoundedLineReader reader = new BoundedLineReader(in, BoundedLineReader.DEFAULT_MAX_LENGTH)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (reader.lastLineTooLong()) {
                    rejected++;
                    onRejected.accept(new Rejection(sourceName, reader.lineNumber(), line, "line longer than " + reader.maxLength() + " characters"));
                    continue;
                }
                String value = line.strip();
                if (value.isEmpty() || value.charAt(0) == '#') {
                    continue;
                }
                DomainName name;
                try {
                    name = DomainName.parse(value);
                } catch (InvalidDomainException e) {
                    rejected++;
                    onRejected.accept(new Rejection(sourceName, reader.lineNumber(), value, e.reason()));
                    continue;
                }
                Decision d = engine.decide(name, policy);
                decisions++;
                if (d.verdict() == Verdict.BLOCKED) {
                    blocked++;
                }
                onDecision.accept(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BatchSummary(decisions, blocked, rejected, entries, loadNanos, System.nanoTime() - decideStart);
    }

    /** The policies and the contents of every list that can change a decision, for many decisions in a row. */
    public record InMemoryPolicies(PolicySnapshot snapshot, InMemoryMembership membership) {
    }

    /** Reads the snapshot and the relevant lists in one transaction, so they agree with each other. */
    public InMemoryPolicies loadInMemory() {
        return store.read(tx -> loadInMemory(tx, snapshot(tx)));
    }

    /** Loads the lists {@code snapshot} needs (it may differ from the stored one: a what-if). */
    public static InMemoryPolicies loadInMemory(Tx tx, PolicySnapshot snapshot) throws SQLException {
        List<Long> relevant = snapshot.relevantListIds();
        InMemoryMembership membership = new InMemoryMembership((int) Math.min(Integer.MAX_VALUE / 2, tx.lists().countEntries(relevant)));
        tx.membership().forEachEntry(relevant, membership::add);
        return new InMemoryPolicies(snapshot, membership);
    }

    private static PolicySnapshot snapshot(Tx tx) throws SQLException {
        return new PolicySnapshot(tx.policies().allPolicies(), tx.lists().all(), tx.integrations().all(), tx.policies().allSettings());
    }
}
