package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.ExitCode;
import dev.parasol.support.CliTest;
import dev.parasol.support.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bad input: one clear line, a documented exit code, nothing stored lost, no stack trace. */
class ErrorHandlingTest extends CliTest {
    @Test
    void unknownNameSuggestsTheClosestOne() {
        CommandResult r = cli.run("see-domains", "threatqq").expect(ExitCode.NOT_FOUND.code());
        assertEquals("parasol: no integration 'threatqq'; did you mean 'threatq'?", r.err().strip());
        CommandResult p = cli.run("policy", "show", "Defualt Policy").expect(ExitCode.NOT_FOUND.code());
        assertTrue(p.err().contains("did you mean 'Default Policy'?"), p.err());
    }

    @Test
    void importReportsEachBadLineWithFileAndLineAndKeepsTheGoodOnes() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        Path file = home.resolve("feed.txt");
        Files.writeString(file, "good.sample-corp.com\nbad..sample-corp.com\n\n# comment\n10.1.2.3\nalso-good.sample-corp.org\n");
        CommandResult r = cli.run("import", "threatq", file.toString()).expect(ExitCode.INPUT_REJECTED.code());
        assertTrue(r.err().contains(file + ":2: 'bad..sample-corp.com': empty label"), r.err());
        assertTrue(r.err().contains(file + ":5: '10.1.2.3': IP address"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        String listed = cli.run("see-domains", "threatq", "-o", "csv").ok().out();
        assertTrue(listed.contains("good.sample-corp.com") && listed.contains("also-good.sample-corp.org"), listed);
    }

    @Test
    void overlongLinesAreRejectedNotHeldInMemory() {
        cli.run("enable-integration", "threatq").ok();
        String hostile = "a".repeat(1_000_000) + ".com\nok.sample-corp.com\n";
        CommandResult r = cli.runWithInput(hostile, "import", "threatq", "-").expect(ExitCode.INPUT_REJECTED.code());
        assertTrue(r.err().contains("<stdin>:1: ") && r.err().contains("line longer than 4096 characters"), r.err());
        assertTrue(cli.run("see-domains", "threatq").ok().out().contains("ok.sample-corp.com"));
    }

    @Test
    void importIntoADisabledIntegrationIsAConflictAndStoresNothing() {
        CommandResult r = cli.runWithInput("evil.sample-corp.com\n", "import", "threatconnect", "-").expect(ExitCode.CONFLICT.code());
        assertEquals("parasol: integration 'threatconnect' is disabled; enable it with: parasol enable-integration threatconnect", r.err().strip());
    }

    @Test
    void missingFileIsNotFound() {
        cli.run("enable-integration", "threatq").ok();
        CommandResult r = cli.run("import", "threatq", home.resolve("nope.txt").toString()).expect(ExitCode.NOT_FOUND.code());
        assertTrue(r.err().strip().endsWith("nope.txt: no such file"), r.err());
    }

    @Test
    void usageErrorsExitTwoWithAHint() {
        CommandResult r = cli.run("check").expect(ExitCode.USAGE.code());
        assertTrue(r.err().contains("give a DOMAIN or --file"), r.err());
        CommandResult unknown = cli.run("chek", "x.com").expect(ExitCode.USAGE.code());
        assertTrue(unknown.err().contains("check"), unknown.err());
        CommandResult badIdentity = cli.run("check", "x.sample-corp.com", "--identity", "printer:lp0").expect(ExitCode.USAGE.code());
        assertTrue(badIdentity.err().contains("unknown identity type 'printer'"), badIdentity.err());
        CommandResult badDomain = cli.run("check", "bad..name").expect(ExitCode.USAGE.code());
        assertTrue(badDomain.err().contains("empty label"), badDomain.err());
    }

    @Test
    void defaultPolicyCannotBeDeletedOrMoved() {
        cli.run("policy", "delete", "Default Policy").expect(ExitCode.CONFLICT.code());
        cli.run("policy", "set", "Default Policy", "--position", "1").expect(ExitCode.CONFLICT.code());
        cli.run("policy", "set", "Default Policy", "--identity", "site:hq").expect(ExitCode.CONFLICT.code());
    }

    @Test
    void globalAndIntegrationListsCannotBeDeletedOrAttached() {
        cli.run("enable-integration", "threatq").ok();
        cli.run("destination-list", "delete", "Global Allow List").expect(ExitCode.CONFLICT.code());
        cli.run("destination-list", "delete", "ThreatQ Destination List").expect(ExitCode.CONFLICT.code());
        CommandResult r = cli.run("policy", "set", "P", "--list", "ThreatQ Destination List").expect(ExitCode.CONFLICT.code());
        assertTrue(r.err().contains("security setting"), r.err());
        assertTrue(cli.run("policy", "list").ok().out().lines().noneMatch(l -> l.contains(" P ")), "failed set left no policy behind");
    }

    @Test
    void allowingIntoABlockListIsRefused() {
        cli.run("destination-list", "create", "Bad Stuff", "--type", "block").ok();
        cli.run("allow", "--list", "Bad Stuff", "x.sample-corp.com").expect(ExitCode.CONFLICT.code());
    }

    @Test
    void deleteDomainReportsNamesThatWereNotThere() {
        cli.run("enable-integration", "threatq").ok();
        cli.runWithInput("a.sample-corp.com\n", "import", "threatq").ok();
        CommandResult r = cli.run("delete-domain", "threatq", "a.sample-corp.com", "b.sample-corp.com").expect(ExitCode.NOT_FOUND.code());
        assertTrue(r.err().contains("Deleted a.sample-corp.com"), r.err());
        assertTrue(r.err().contains("b.sample-corp.com: not in the list"), r.err());
    }

    @Test
    void unsupportedDatabaseUrlIsAClearStoreError() {
        CommandResult r = cli.run("--db", "jdbc:mysql://db/parasol?password=secret", "integrations").expect(ExitCode.STORE_UNAVAILABLE.code());
        assertTrue(r.err().contains("unsupported store; use jdbc:h2:... or jdbc:postgresql://"), r.err());
        assertFalse(r.err().contains("secret"), "passwords never echoed");
    }

    @Test
    void unreachablePostgresqlIsOneLineNamingTheServerNotThePassword() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CommandResult r = cli.run("--db", "jdbc:postgresql://127.0.0.1:" + closedPort + "/parasol?user=p&password=secret", "integrations")
                .expect(ExitCode.STORE_UNAVAILABLE.code());
        assertTrue(r.err().startsWith("parasol: cannot open the store jdbc:postgresql://127.0.0.1:" + closedPort + "/parasol: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("secret"), "passwords never echoed");
    }
}
