package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.support.Cli;
import dev.parasol.support.CliTest;
import dev.parasol.support.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export command over a store set up as in the walkthrough: ThreatQ enforced by the Default
 * Policy, ThreatConnect in audit mode, an allowed child of a blocked parent, and an HQ policy
 * (by network) that enforces nothing but the global lists.
 */
class ExportCommandTest extends CliTest {
    static final String DEFAULT_ZONE = "enforce.default-policy.rpz.parasol";
    static final String DEFAULT_AUDIT_ZONE = "audit.default-policy.rpz.parasol";

    @TempDir
    Path outDir;

    /** Builds the shared scenario; also used by the resolver tests. */
    static void scenario(Cli cli) {
        cli.run("enable-integration", "threatq").ok();
        cli.runWithInput("malware-c2.xyz\nbad-corp.net\n", "import", "threatq", "-").ok();
        cli.run("enable-integration", "threatconnect").ok();
        cli.runWithInput("audit-only.sample-corp.com\n", "import", "threatconnect", "-").ok();
        cli.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        cli.run("policy", "set", "Default Policy", "--security-setting", "Strict").ok();
        cli.run("allow", "good.bad-corp.net").ok();
        cli.run("block", "blocked-by-admin.org").ok();
        cli.run("policy", "set", "HQ", "--identity", "network:10.20.0.0/16").ok();
    }

    @BeforeEach
    void setUp() {
        scenario(cli);
    }

    private String zone(String name) throws IOException {
        return Files.readString(outDir.resolve(name + ".rpz"));
    }

    private static long serial(String zone) {
        Matcher m = Pattern.compile("SOA \\S+ \\S+ (\\d+) ").matcher(zone);
        assertTrue(m.find(), zone);
        return Long.parseLong(m.group(1));
    }

    @Test
    void rpzWritesOneZonePerPolicyWithAllowFirstAndAuditApart() throws IOException {
        CommandResult r = cli.run("export", "rpz", "--out", outDir.toString()).ok();
        try (Stream<Path> files = Files.list(outDir)) {
            assertEquals(List.of("audit.default-policy.rpz.parasol.rpz", "audit.hq.rpz.parasol.rpz",
                    "enforce.default-policy.rpz.parasol.rpz", "enforce.hq.rpz.parasol.rpz"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String enforce = zone(DEFAULT_ZONE);
        assertTrue(enforce.indexOf("good.bad-corp.net CNAME rpz-passthru.") < enforce.indexOf("bad-corp.net CNAME .\n"), enforce);
        assertTrue(enforce.contains("\n*.malware-c2.xyz CNAME .\n"), enforce);
        assertTrue(enforce.contains("\nblocked-by-admin.org CNAME .\n"), enforce);
        assertFalse(enforce.contains("audit-only"), "audit-mode names are not in the enforcing zone");
        String audit = zone(DEFAULT_AUDIT_ZONE);
        assertTrue(audit.contains("\naudit-only.sample-corp.com CNAME .\n"), audit);
        assertFalse(audit.contains("malware-c2"), audit);
        assertTrue(r.err().contains("wrote " + DEFAULT_ZONE + ".rpz: 3 blocked, 1 allowed, serial "), r.err());
    }

    @Test
    void eachPolicyGetsWhatItEnforces() throws IOException {
        cli.run("export", "rpz", "--out", outDir.toString()).ok();
        String hq = zone("enforce.hq.rpz.parasol");
        assertTrue(hq.contains("\nblocked-by-admin.org CNAME .\n"), "global block list applies to every policy");
        assertFalse(hq.contains("malware-c2"), "HQ's security setting does not enforce ThreatQ");
        assertTrue(zone("audit.hq.rpz.parasol").contains("\nmalware-c2.xyz CNAME .\n"), "so ThreatQ is audit mode for HQ");
        assertEquals(List.of("0.0.0.0 blocked-by-admin.org"), cli.run("export", "hosts", "--policy", "hq").ok().out().lines()
                .filter(l -> !l.startsWith("#")).toList(), "policy names match case-insensitively, as elsewhere");
    }

    @Test
    void aBlockedChildOfAnAllowedParentIsLeftOutBecauseAllowBeatsEveryBlock() throws IOException {
        cli.run("allow", "malware-c2.xyz").ok();
        cli.runWithInput("cdn.malware-c2.xyz\n", "import", "threatq", "-").ok();
        cli.run("export", "rpz", "--out", outDir.toString(), "--policy", "Default Policy").ok();
        String enforce = zone(DEFAULT_ZONE);
        assertTrue(enforce.contains("\nmalware-c2.xyz CNAME rpz-passthru.\n"), enforce);
        assertFalse(enforce.contains("cdn.malware-c2.xyz"), enforce);
        assertFalse(cli.run("export", "dnsmasq").ok().out().contains("malware-c2.xyz/\n"));
    }

    @Test
    void perListZonesNameTheirListAndComeAllowFirst() throws IOException {
        cli.run("export", "rpz", "--per-list", "--policy", "Default Policy", "--out", outDir.toString()).ok();
        assertTrue(Files.exists(outDir.resolve("global-allow-list.allow.default-policy.rpz.parasol.rpz")));
        assertTrue(zone("threatq-destination-list.block.default-policy.rpz.parasol").contains("\nmalware-c2.xyz CNAME .\n"));
        assertTrue(zone("threatconnect-destination-list.audit.default-policy.rpz.parasol").contains("audit-only.sample-corp.com CNAME ."));
        String unbound = cli.run("export", "unbound-config", "--per-list", "--policy", "Default Policy", "--zone-dir", outDir.toString()).ok().out();
        List<String> order = unbound.lines().filter(l -> l.strip().startsWith("name:")).toList();
        assertEquals(List.of(
                "    name: \"global-allow-list.allow.default-policy.rpz.parasol.\"",
                "    name: \"threatq-destination-list.block.default-policy.rpz.parasol.\"",
                "    name: \"global-block-list.block.default-policy.rpz.parasol.\"",
                "    name: \"threatconnect-destination-list.audit.default-policy.rpz.parasol.\""), order);
    }

    @Test
    void serialIncreasesOnlyWhenTheZoneChanges() throws IOException {
        cli.run("export", "rpz", "--out", outDir.toString()).ok();
        long first = serial(zone(DEFAULT_ZONE));
        long firstAudit = serial(zone(DEFAULT_AUDIT_ZONE));
        cli.run("export", "rpz", "--out", outDir.toString()).ok();
        assertEquals(first, serial(zone(DEFAULT_ZONE)));
        cli.run("block", "new-threat.org").ok();
        cli.run("export", "rpz", "--out", outDir.toString()).ok();
        assertEquals(first + 1, serial(zone(DEFAULT_ZONE)));
        assertEquals(firstAudit, serial(zone(DEFAULT_AUDIT_ZONE)), "the audit zone did not change");
        cli.run("export", "rpz", "--out", outDir.toString(), "--action", "nodata").ok();
        assertEquals(first + 2, serial(zone(DEFAULT_ZONE)), "another action is another zone content");
        assertTrue(cli.run("export", "rpz", "--policy", "Default Policy").ok().out().contains(" " + (first + 2) + " 3600 "),
                "printing uses the same serial");
    }

    @Test
    void ifChangedWritesNothingWhenTheContentIsTheSame() throws IOException {
        Path hosts = outDir.resolve("block.hosts");
        cli.run("export", "hosts", "--out", hosts.toString()).ok();
        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(hosts, old);
        Path marker = outDir.resolve("reloaded");
        CommandResult same = cli.run("export", "hosts", "--out", hosts.toString(), "--if-changed",
                "--reload-command", "touch " + marker).ok();
        assertEquals(old, Files.getLastModifiedTime(hosts));
        assertFalse(Files.exists(marker), "no reload without a change");
        assertTrue(same.err().contains("nothing changed; no file written, no reload"), same.err());
        assertEquals("", same.out());
        cli.run("block", "new-threat.org").ok();
        CommandResult changed = cli.run("export", "hosts", "--out", hosts.toString(), "--if-changed",
                "--reload-command", "echo reload-output; touch " + marker).ok();
        assertTrue(Files.readString(hosts).contains("0.0.0.0 new-threat.org\n"));
        assertTrue(Files.exists(marker));
        assertTrue(changed.err().contains("reload: reload-output"), changed.err());
        try (Stream<Path> files = Files.list(outDir)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aFailingReloadCommandIsOneLineAndExitCodeSeven() throws IOException {
        Path hosts = outDir.resolve("block.hosts");
        CommandResult r = cli.run("export", "hosts", "--out", hosts.toString(), "--reload-command", "exit 4").expect(7);
        assertTrue(Files.exists(hosts), "the files are written before the reload");
        assertEquals("parasol: files written, but the reload command exited with status 4: exit 4",
                r.err().lines().filter(l -> l.startsWith("parasol:")).findFirst().orElse(""), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badInputIsAOneLineErrorWithADocumentedExitCode() {
        CommandResult unknownPolicy = cli.run("export", "hosts", "--policy", "Nope").expect(3);
        List<String> lines = unknownPolicy.err().lines().toList();
        assertEquals(1, lines.size(), unknownPolicy.err());
        assertTrue(lines.get(0).startsWith("parasol: no policy 'Nope'"), lines.get(0));
        CommandResult unknownFormat = cli.run("export", "pdns").expect(2);
        assertTrue(unknownFormat.err().contains("unknown export format 'pdns'"), unknownFormat.err());
        assertTrue(cli.run("export", "bind-config").expect(2).err().contains("needs --zone-dir"));
        assertTrue(cli.run("export", "hosts", "--action", "drop").expect(2).err().contains("--action applies to rpz only"));
        assertTrue(cli.run("export", "rpz", "--action", "refuse").expect(2).err().contains("unknown action 'refuse'"));
        assertTrue(cli.run("export", "hosts", "--reload-command", "true").expect(2).err().contains("needs --out"));
        assertTrue(cli.run("export", "hosts", "--if-changed").expect(2).err().contains("needs --out"));
        for (CommandResult r : List.of(unknownPolicy, unknownFormat)) {
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    @Test
    void flatFormatsGoToStandardOutputAndRespectAllowLists() {
        String adblock = cli.run("export", "adblock").ok().out();
        assertTrue(adblock.contains("@@||good.bad-corp.net^\n"), adblock);
        assertTrue(adblock.contains("||bad-corp.net^\n"), adblock);
        String plain = cli.run("export", "plain").ok().out();
        assertEquals(List.of("bad-corp.net", "blocked-by-admin.org", "malware-c2.xyz"), plain.lines().toList());
        cli.run("allow", "bad-corp.net").ok();
        assertFalse(cli.run("export", "unbound").ok().out().contains("\"bad-corp.net.\" always_nxdomain"), "an allowed name is not blocked");
    }

    @Test
    void bindConfigHasOneViewPerPolicyInPolicyOrder() {
        cli.run("policy", "set", "Laptops", "--identity", "roaming-computer:laptop-7").ok();
        String conf = cli.run("export", "bind-config", "--zone-dir", outDir.toString()).ok().out();
        assertTrue(conf.indexOf("view \"parasol-hq\"") < conf.indexOf("view \"parasol-default-policy\""), conf);
        assertTrue(conf.contains("match-clients { 10.20.0.0/16; };"), conf);
        assertTrue(conf.contains("match-clients { any; };"), conf);
        assertTrue(conf.contains("zone \"" + DEFAULT_AUDIT_ZONE + "\" policy disabled log yes;"), conf);
        assertTrue(conf.contains("file \"" + outDir.resolve(DEFAULT_ZONE + ".rpz") + "\""), conf);
        assertTrue(conf.contains("Policy \"Laptops\" has no network identity"), conf);
    }
}
