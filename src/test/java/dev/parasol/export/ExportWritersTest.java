package dev.parasol.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.policy.DestinationList;
import dev.parasol.policy.ListKind;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportWritersTest {
    private static final DestinationList ALLOW = new DestinationList(1, "Global Allow List", ListKind.ALLOW, true, Optional.empty());
    private static final DestinationList BLOCK = new DestinationList(2, "Global Block List", ListKind.BLOCK, true, Optional.empty());

    private static String rules(BlockAction action, String zone) throws IOException {
        StringWriter out = new StringWriter();
        RpzZoneWriter w = new RpzZoneWriter(out, zone, action);
        w.passthru("good.bad-corp.net");
        w.block("bad-corp.net");
        return out.toString();
    }

    @Test
    void rpzRulesCoverTheNameAndItsSubdomainsWithRelativeOwners() throws IOException {
        assertEquals("""
                good.bad-corp.net CNAME rpz-passthru.
                *.good.bad-corp.net CNAME rpz-passthru.
                bad-corp.net CNAME .
                *.bad-corp.net CNAME .
                """, rules(BlockAction.NXDOMAIN, "enforce.default-policy.rpz.parasol"));
    }

    @Test
    void rpzActionsAreTheCnameTargetsRpzDefines() throws IOException {
        assertTrue(rules(BlockAction.NODATA, "z.rpz.parasol").contains("\nbad-corp.net CNAME *.\n"));
        assertTrue(rules(BlockAction.DROP, "z.rpz.parasol").contains("\n*.bad-corp.net CNAME rpz-drop.\n"));
        assertTrue(rules(BlockAction.parse("cname:Walled.Example-Corp.com"), "z.rpz.parasol")
                .contains("\nbad-corp.net CNAME walled.example-corp.com.\n"));
        assertEquals("cname:walled.example-corp.com", BlockAction.parse("CNAME:walled.example-corp.com.").label());
        assertThrows(IllegalArgumentException.class, () -> BlockAction.parse("refuse"));
        assertThrows(IllegalArgumentException.class, () -> BlockAction.parse("cname:not a name"));
    }

    @Test
    void namesTooLongUnderTheZoneAreLeftOutAndCounted() throws IOException {
        String zone = "enforce.default-policy.rpz.parasol";
        String label = "a".repeat(60);
        // "*." + name + "." + zone is exactly 253 characters: the longest owner name DNS allows.
        String longest = label + "." + label + "." + label + "." + "b".repeat(253 - zone.length() - 3 - 183);
        StringWriter out = new StringWriter();
        RpzZoneWriter w = new RpzZoneWriter(out, zone, BlockAction.NXDOMAIN);
        w.block(longest);
        w.block(longest + "x");
        assertEquals(1, w.blockedNames());
        assertEquals(1, w.tooLongNames());
        assertEquals(253, ("*." + longest + "." + zone).length());
    }

    @Test
    void rpzHeaderHasSoaWithTheSerialAndNs() {
        RpzZone zone = new RpzZone("enforce.hq.rpz.parasol", ZoneRole.ENFORCE, "HQ", List.of(ALLOW), List.of(BLOCK));
        String header = RpzZoneWriter.header(zone, BlockAction.NXDOMAIN, 2026112301L);
        assertTrue(header.contains("@ IN SOA localhost. hostmaster.localhost. 2026112301 "), header);
        assertTrue(header.contains("@ IN NS localhost.\n"), header);
        assertTrue(header.contains("; passthru (allow) from: Global Allow List\n"), header);
        RpzZone audit = new RpzZone("audit.hq.rpz.parasol", ZoneRole.AUDIT, "HQ\nevil", List.of(), List.of(BLOCK));
        String auditHeader = RpzZoneWriter.header(audit, BlockAction.NXDOMAIN, 1);
        assertTrue(auditHeader.contains("log-only"), auditHeader);
        assertTrue(auditHeader.contains("; policy: HQ evil, role: audit\n"), "no line break escapes a comment");
    }

    private static String flat(ExportFormat format) throws IOException {
        DomainListWriter w = DomainListWriter.of(format);
        StringWriter out = new StringWriter();
        out.write(w.header("HQ"));
        w.allow(out, "good.bad-corp.net");
        w.block(out, "bad-corp.net");
        return out.toString();
    }

    @Test
    void hostsListsExactNamesAndNeedsNoExceptions() throws IOException {
        assertEquals("# Parasol blocklist for policy HQ (hosts format; exact names only)\n0.0.0.0 bad-corp.net\n", flat(ExportFormat.HOSTS));
    }

    @Test
    void dnsmasqSendsAllowedChildrenToTheNormalServers() throws IOException {
        assertTrue(flat(ExportFormat.DNSMASQ).endsWith("server=/good.bad-corp.net/#\naddress=/bad-corp.net/\n"));
    }

    @Test
    void unboundLocalZonesMakeAllowedChildrenTransparent() throws IOException {
        String text = flat(ExportFormat.UNBOUND);
        assertTrue(text.contains("\nserver:\n"), text);
        assertTrue(text.endsWith("    local-zone: \"good.bad-corp.net.\" always_transparent\n    local-zone: \"bad-corp.net.\" always_nxdomain\n"), text);
    }

    @Test
    void plainIsOnlyBlockedNames() throws IOException {
        assertEquals("bad-corp.net\n", flat(ExportFormat.PLAIN));
    }

    @Test
    void adblockWritesExceptionRules() throws IOException {
        assertTrue(flat(ExportFormat.ADBLOCK).endsWith("@@||good.bad-corp.net^\n||bad-corp.net^\n"));
    }

    @Test
    void formatsParseFromTheirLabels() {
        assertEquals(ExportFormat.BIND_CONFIG, ExportFormat.fromLabel("bind-config"));
        assertEquals(ExportFormat.UNBOUND_CONFIG, ExportFormat.fromLabel("Unbound_Config"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportFormat.fromLabel("pdns"));
        assertTrue(e.getMessage().contains("rpz, bind-config"), e.getMessage());
    }

    @Test
    void slugsAreOneDnsLabelAndUniqueAmongCollidingNames() {
        assertEquals("threatq-destination-list", ZoneNames.slug("ThreatQ Destination List"));
        assertEquals("x", ZoneNames.slug("***"));
        assertEquals(ZoneNames.MAX_SLUG, ZoneNames.slug("a".repeat(100)).length());
        assertFalse(ZoneNames.slug("a" + " ".repeat(28) + "bcd").endsWith("-"));
        record Named(long id, String name) {
        }
        Named a = new Named(3, "Foo Bar");
        Named b = new Named(4, "foo-bar");
        Named c = new Named(5, "Other");
        Map<Named, String> slugs = ZoneNames.uniqueSlugs(List.of(a, b, c), Named::name, Named::id);
        assertEquals("foo-bar-3", slugs.get(a));
        assertEquals("foo-bar-4", slugs.get(b));
        assertEquals("other", slugs.get(c));
        assertEquals("threatq-destination-list.audit.hq.rpz.parasol", ZoneNames.zone("threatq-destination-list", ZoneRole.AUDIT, "hq"));
    }
}
