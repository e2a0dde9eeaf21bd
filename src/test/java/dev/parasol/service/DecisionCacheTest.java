package dev.parasol.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parasol.policy.Decision;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.Verdict;
import dev.parasol.store.Store;
import dev.parasol.store.StoreStamp;
import dev.parasol.support.Cli;
import dev.parasol.support.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision cache answers exactly as the store does, and only while it describes the store's file. */
class DecisionCacheTest {
    @TempDir
    Path home;

    private static final List<String> NAMES = List.of("evil.sample-corp.com", "www.evil.sample-corp.com", "ok.evil.sample-corp.com",
            "c2.sample-corp.net", "a.b.c2.sample-corp.net", "gambling.example", "x.gambling.example", "clean.sample-corp.org",
            "both.sample-corp.info", "sample-corp.com");
    private static final List<List<Identity>> REQUESTS = List.of(List.of(),
            List.of(Identity.parse("roaming-computer:laptop-7")),
            List.of(Identity.parse("network:10.20.3.4/32")),
            List.of(Identity.parse("network:10.20.3.4/32"), Identity.parse("roaming-computer:laptop-7")));

    @BeforeEach
    void store() {
        assumeFalse(Postgres.selected(), "the cache serves the embedded store only");
        try (Cli cli = new Cli(home)) {
            cli.run("enable-integration", "threatq").ok();
            cli.run("enable-integration", "threatconnect").ok();
            cli.runWithInput("evil.sample-corp.com\nc2.sample-corp.net\nboth.sample-corp.info\n", "import", "threatq").ok();
            cli.runWithInput("both.sample-corp.info\n", "import", "threatconnect").ok();
            cli.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
            cli.run("policy", "set", "Roaming", "--identity", "roaming-computer:laptop-7", "--security-setting", "Strict").ok();
            cli.run("destination-list", "create", "Finance Block", "--type", "block").ok();
            cli.run("block", "--list", "Finance Block", "gambling.example").ok();
            cli.run("policy", "set", "HQ", "--identity", "network:10.20.0.0/16", "--list", "Finance Block").ok();
            cli.run("allow", "ok.evil.sample-corp.com").ok();
        }
    }

    @Test
    void answersAsTheStoreDoesForEveryKindOfMatch() {
        assertTrue(DecisionCache.build(home));
        List<Decision> fromCache = decideAll(DecisionCache.open(home).engine().orElseThrow());
        List<Decision> fromStore = new ArrayList<>();
        try (Store store = Store.openEmbedded(home)) {
            DecisionService decisions = new DecisionService(store);
            for (List<Identity> request : REQUESTS) {
                for (String name : NAMES) {
                    fromStore.add(decisions.check(name, request));
                }
            }
        }
        assertEquals(fromStore, fromCache);
        // The matrix covers each way a decision is made: not a formality over allowed names.
        assertTrue(fromCache.stream().anyMatch(d -> d.verdict() == Verdict.BLOCKED && d.policy().equals("Roaming")));
        assertTrue(fromCache.stream().anyMatch(d -> d.verdict() == Verdict.BLOCKED && d.policy().equals("HQ")));
        assertTrue(fromCache.stream().anyMatch(d -> d.categories().equals(List.of("ThreatConnect", "ThreatQ"))));
        assertTrue(fromCache.stream().anyMatch(d -> d.verdict() == Verdict.ALLOWED && d.matched().isPresent()));
    }

    @Test
    void buildingLeavesTheStoreFileUntouched() {
        Optional<StoreStamp> before = StoreStamp.ofClosedStore(home);
        assertTrue(before.isPresent());
        assertTrue(DecisionCache.build(home));
        assertEquals(before, StoreStamp.ofClosedStore(home));
    }

    @Test
    void aWriteMakesTheCacheStaleUntilItIsBuiltAgain() {
        assertTrue(DecisionCache.build(home));
        assertTrue(DecisionCache.open(home).engine().isPresent());
        try (Cli cli = new Cli(home)) {
            cli.run("allow", "evil.sample-corp.com").ok();
        }
        DecisionCache.Attempt stale = DecisionCache.open(home);
        assertTrue(stale.engine().isEmpty());
        assertTrue(stale.storeWasClosed());

        assertTrue(DecisionCache.build(home));
        Decision d = DecisionCache.open(home).engine().orElseThrow()
                .decide(DomainName.parse("www.evil.sample-corp.com"), List.of(Identity.parse("roaming-computer:laptop-7")));
        assertEquals(Verdict.ALLOWED, d.verdict());
    }

    @Test
    void neitherReadNorBuiltWhileAProcessHasTheStoreOpen() {
        assertTrue(DecisionCache.build(home));
        try (Store open = Store.openEmbedded(home)) {
            DecisionCache.Attempt attempt = DecisionCache.open(home);
            assertTrue(attempt.engine().isEmpty());
            assertFalse(attempt.storeWasClosed());
            assertFalse(DecisionCache.build(home));
        }
    }

    @Test
    void aDamagedCacheIsIgnoredAndBuiltAgain() throws Exception {
        assertTrue(DecisionCache.build(home));
        Path file = home.resolve(DecisionCache.FILE);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, 100));
        assertTrue(DecisionCache.open(home).engine().isEmpty());
        byte[] garbage = whole.clone();
        for (int i = 64; i < garbage.length; i += 7) {
            garbage[i] = (byte) 0xff;
        }
        Files.write(file, garbage);
        DecisionCache.Attempt damaged = DecisionCache.open(home);
        // Either refused whole or, if its header survived, never wrong: it must not throw.
        damaged.engine().ifPresent(e -> e.decide(DomainName.parse("www.evil.sample-corp.com"), List.of()));
        assertTrue(DecisionCache.build(home));
        assertEquals(Verdict.BLOCKED, DecisionCache.open(home).engine().orElseThrow()
                .decide(DomainName.parse("www.evil.sample-corp.com"), List.of(Identity.parse("roaming-computer:laptop-7"))).verdict());
    }

    private static List<Decision> decideAll(dev.parasol.policy.DecisionEngine engine) {
        List<Decision> out = new ArrayList<>();
        for (List<Identity> request : REQUESTS) {
            for (String name : NAMES) {
                out.add(engine.decide(DomainName.parse(name), request));
            }
        }
        return out;
    }
}
