package dev.parasol.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DecisionEngineTest {
    static final long GLOBAL_ALLOW = 1;
    static final long GLOBAL_BLOCK = 2;
    static final long THREATQ_LIST = 10;
    static final long TC_LIST = 11;
    static final long PARTNERS_ALLOW = 20;
    static final long FINANCE_BLOCK = 21;
    static final long DEFAULT_SETTINGS = 1;
    static final long STRICT = 2;

    final List<DestinationList> lists = List.of(
            new DestinationList(GLOBAL_ALLOW, "Global Allow List", ListKind.ALLOW, true, Optional.empty()),
            new DestinationList(GLOBAL_BLOCK, "Global Block List", ListKind.BLOCK, true, Optional.empty()),
            new DestinationList(THREATQ_LIST, "ThreatQ Destination List", ListKind.BLOCK, false, Optional.of(100L)),
            new DestinationList(TC_LIST, "ThreatConnect Destination List", ListKind.BLOCK, false, Optional.of(101L)),
            new DestinationList(PARTNERS_ALLOW, "Partners", ListKind.ALLOW, false, Optional.empty()),
            new DestinationList(FINANCE_BLOCK, "Finance Block", ListKind.BLOCK, false, Optional.empty()));
    final List<SecuritySetting> settings = List.of(
            new SecuritySetting(DEFAULT_SETTINGS, "Default Settings", Set.of()),
            new SecuritySetting(STRICT, "Strict", Set.of(100L, 101L)));
    final InMemoryMembership membership = new InMemoryMembership(16);
    boolean threatConnectEnabled = true;

    private List<Integration> integrations() {
        return List.of(
                new Integration(100, "threatq", "ThreatQ", true, Optional.of("k1"), Optional.of(THREATQ_LIST), Instant.EPOCH),
                new Integration(101, "threatconnect", "ThreatConnect", threatConnectEnabled, Optional.of("k2"), Optional.of(TC_LIST), Instant.EPOCH));
    }

    private static Policy policy(long id, String name, long setting, List<String> identities, Long... listIds) {
        return new Policy(id, name, (int) id, false, setting, identities.stream().map(Identity::parse).toList(), List.of(listIds));
    }

    private static Policy defaultPolicy(long setting) {
        return new Policy(99, "Default Policy", 99, true, setting, List.of(), List.of());
    }

    private Decision decide(List<Policy> policies, String domain, String... identities) {
        PolicySnapshot snapshot = new PolicySnapshot(policies, lists, integrations(), settings);
        List<Identity> request = new ArrayList<>();
        for (String i : identities) {
            request.add(Identity.parse(i));
        }
        return new DecisionEngine(snapshot, membership).decide(DomainName.parse(domain), request);
    }

    private Decision decideDefaultOnly(String domain) {
        return decide(List.of(defaultPolicy(DEFAULT_SETTINGS)), domain);
    }

    @Test
    void integrationInAuditModeReportsItsCategoryButAllows() {
        membership.add(THREATQ_LIST, "malware-c2.xyz");
        Decision d = decideDefaultOnly("www.malware-c2.xyz");
        assertEquals(Verdict.ALLOWED, d.verdict());
        assertEquals(List.of("ThreatQ"), d.categories());
        assertTrue(d.matched().isEmpty());
        assertEquals("Default Policy", d.policy());
    }

    @Test
    void integrationEnforcedBySecuritySettingBlocksAndNamesTheEntry() {
        membership.add(THREATQ_LIST, "malware-c2.xyz");
        Decision d = decide(List.of(defaultPolicy(STRICT)), "www.malware-c2.xyz");
        assertEquals(Verdict.BLOCKED, d.verdict());
        assertEquals(Optional.of(new Decision.Match("ThreatQ Destination List", "malware-c2.xyz")), d.matched());
    }

    @Test
    void allowParentBeatsBlockedChild() {
        membership.add(GLOBAL_ALLOW, "example.com");
        membership.add(GLOBAL_BLOCK, "bad.example.com");
        membership.add(THREATQ_LIST, "bad.example.com");
        Decision d = decide(List.of(defaultPolicy(STRICT)), "x.bad.example.com");
        assertEquals(Verdict.ALLOWED, d.verdict());
        assertEquals(Optional.of(new Decision.Match("Global Allow List", "example.com")), d.matched());
        assertEquals(List.of("ThreatQ"), d.categories(), "the integration hit is still reported");
    }

    @Test
    void allowChildBeatsBlockedParent() {
        membership.add(GLOBAL_BLOCK, "example.com");
        membership.add(GLOBAL_ALLOW, "good.example.com");
        assertEquals(Verdict.ALLOWED, decideDefaultOnly("www.good.example.com").verdict());
        Decision sibling = decideDefaultOnly("other.example.com");
        assertEquals(Verdict.BLOCKED, sibling.verdict());
        assertEquals(Optional.of(new Decision.Match("Global Block List", "example.com")), sibling.matched());
    }

    @Test
    void entryCoversSubdomainsButNotLookalikes() {
        membership.add(GLOBAL_BLOCK, "evil.com");
        assertEquals(Verdict.BLOCKED, decideDefaultOnly("evil.com").verdict());
        assertEquals(Verdict.BLOCKED, decideDefaultOnly("a.b.c.evil.com").verdict());
        assertEquals(Verdict.ALLOWED, decideDefaultOnly("notevil.com").verdict());
        assertEquals(Verdict.ALLOWED, decideDefaultOnly("evil.com.example.org").verdict());
    }

    @Test
    void mostSpecificEntryIsReported() {
        membership.add(GLOBAL_BLOCK, "evil.com");
        membership.add(FINANCE_BLOCK, "www.evil.com");
        Decision d = decide(List.of(policy(1, "Finance", DEFAULT_SETTINGS, List.of("ad-group:finance"), FINANCE_BLOCK),
                defaultPolicy(DEFAULT_SETTINGS)), "www.evil.com", "ad-group:finance");
        assertEquals(Optional.of(new Decision.Match("Finance Block", "www.evil.com")), d.matched());
    }

    @Test
    void integrationBlockComesBeforeBlockListsInTheReport() {
        membership.add(GLOBAL_BLOCK, "www.evil.com");
        membership.add(THREATQ_LIST, "evil.com");
        Decision d = decide(List.of(defaultPolicy(STRICT)), "www.evil.com");
        assertEquals(Verdict.BLOCKED, d.verdict());
        assertEquals("ThreatQ Destination List", d.matched().orElseThrow().list());
    }

    @Test
    void firstMatchingPolicyWinsTopToBottom() {
        membership.add(THREATQ_LIST, "malware-c2.xyz");
        List<Policy> policies = List.of(
                policy(1, "Laptops", DEFAULT_SETTINGS, List.of("roaming-computer:laptop-7")),
                policy(2, "Roaming", STRICT, List.of("roaming-computer:laptop-7", "roaming-computer:laptop-8")),
                defaultPolicy(STRICT));
        Decision first = decide(policies, "malware-c2.xyz", "roaming-computer:laptop-7");
        assertEquals("Laptops", first.policy());
        assertEquals(Verdict.ALLOWED, first.verdict());
        Decision second = decide(policies, "malware-c2.xyz", "roaming-computer:laptop-8");
        assertEquals("Roaming", second.policy());
        assertEquals(Verdict.BLOCKED, second.verdict());
        Decision fallback = decide(policies, "malware-c2.xyz", "roaming-computer:desktop-1");
        assertEquals("Default Policy", fallback.policy());
    }

    @ParameterizedTest
    @EnumSource(IdentityType.class)
    void everyIdentityTypeSelectsItsPolicy(IdentityType type) {
        String value = type == IdentityType.NETWORK ? "192.0.2.0/24" : "member-1";
        String requested = type == IdentityType.NETWORK ? "192.0.2.55" : "MEMBER-1";
        membership.add(THREATQ_LIST, "malware-c2.xyz");
        List<Policy> policies = List.of(policy(1, "Typed", STRICT, List.of(type.label() + ":" + value)), defaultPolicy(DEFAULT_SETTINGS));
        Decision hit = decide(policies, "malware-c2.xyz", type.label() + ":" + requested);
        assertEquals("Typed", hit.policy());
        assertEquals(Verdict.BLOCKED, hit.verdict());
        String otherType = type == IdentityType.SITE ? "ad-user:member-1" : "site:member-1";
        assertEquals("Default Policy", decide(policies, "malware-c2.xyz", otherType).policy(), "same value, other type");
    }

    @Test
    void networkIdentitiesMatchByCidrV4AndV6() {
        List<Policy> policies = List.of(
                policy(1, "HQ v4", DEFAULT_SETTINGS, List.of("network:10.20.0.0/16")),
                policy(2, "HQ v6", DEFAULT_SETTINGS, List.of("network:2001:db8:20::/48")),
                defaultPolicy(DEFAULT_SETTINGS));
        assertEquals("HQ v4", decide(policies, "example.com", "network:10.20.9.9").policy());
        assertEquals("HQ v6", decide(policies, "example.com", "network:2001:db8:20:1::5").policy());
        assertEquals("Default Policy", decide(policies, "example.com", "network:10.21.0.1").policy());
        assertEquals("Default Policy", decide(policies, "example.com", "network:2001:db8:21::1").policy());
    }

    @Test
    void disabledIntegrationNeitherBlocksNorReportsItsCategory() {
        threatConnectEnabled = false;
        membership.add(TC_LIST, "phish.example.net");
        Decision d = decide(List.of(defaultPolicy(STRICT)), "phish.example.net");
        assertEquals(Verdict.ALLOWED, d.verdict());
        assertEquals(List.of(), d.categories());
        threatConnectEnabled = true;
        assertEquals(Verdict.BLOCKED, decide(List.of(defaultPolicy(STRICT)), "phish.example.net").verdict());
    }

    @Test
    void customListsApplyOnlyToThePoliciesTheyAreAttachedTo() {
        membership.add(PARTNERS_ALLOW, "partner.example");
        membership.add(GLOBAL_BLOCK, "partner.example");
        List<Policy> policies = List.of(policy(1, "Sales", DEFAULT_SETTINGS, List.of("ad-group:sales"), PARTNERS_ALLOW),
                defaultPolicy(DEFAULT_SETTINGS));
        assertEquals(Verdict.ALLOWED, decide(policies, "partner.example", "ad-group:sales").verdict());
        assertEquals(Verdict.BLOCKED, decide(policies, "partner.example", "ad-group:finance").verdict());
    }

    @Test
    void categoriesListEveryEnabledIntegrationHoldingTheName() {
        membership.add(THREATQ_LIST, "both.example");
        membership.add(TC_LIST, "www.both.example");
        assertEquals(List.of("ThreatConnect", "ThreatQ"), decideDefaultOnly("www.both.example").categories());
    }
}
