package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parasol.support.CommandResult;
import dev.parasol.support.ParasolProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README walkthrough, run as a user would: the packaged program, one process per command. */
class WalkthroughIT {
    @TempDir
    Path home;

    @Test
    void readmeWalkthroughWorksAsSeparateProcesses() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        ObjectMapper json = new ObjectMapper();

        String url = parasol.run("enable-integration", "threatq").ok().out().strip();
        assertTrue(url.startsWith("http://127.0.0.1:8614/1.0/events?customerKey="), url);

        Path domains = home.resolve("domains.txt");
        Files.writeString(domains, "www.malware-c2.xyz\nmalware-c2.xyz\nphish.sample-corp.net\n");
        CommandResult imported = parasol.run("import", "threatq", domains.toString()).ok();
        assertTrue(imported.err().contains("3 new"), imported.err());
        parasol.runWithInput("dropper.sample-corp.org\n", "import", "threatq", "-").ok();

        String listed = parasol.run("see-domains", "threatq").ok().out();
        assertTrue(listed.contains("www.malware-c2.xyz") && listed.contains("dropper.sample-corp.org"), listed);

        JsonNode audit = json.readTree(parasol.run("check", "www.malware-c2.xyz", "-o", "json").ok().out());
        assertEquals("allowed", audit.get("verdict").asText());
        assertEquals("ThreatQ", audit.get("categories").get(0).asText());

        parasol.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        parasol.run("policy", "set", "Roaming", "--identity", "roaming-computer:laptop-7", "--security-setting", "Strict").ok();
        JsonNode blocked = json.readTree(parasol.run("check", "www.malware-c2.xyz", "--identity", "roaming-computer:laptop-7", "-o", "json").ok().out());
        assertEquals("blocked", blocked.get("verdict").asText());
        assertEquals("Roaming", blocked.get("policy").asText());

        parasol.run("allow", "malware-c2.xyz", "--comment", "false positive, ticket 42").ok();
        JsonNode allowed = json.readTree(parasol.run("check", "www.malware-c2.xyz", "--identity", "roaming-computer:laptop-7", "-o", "json").ok().out());
        assertEquals("allowed", allowed.get("verdict").asText());
        assertEquals("Global Allow List", allowed.get("matched").get("list").asText());

        parasol.run("delete-domain", "threatq", "malware-c2.xyz").ok();
        String audited = parasol.run("audit", "search", "--user", "ThreatQ Account").ok().out();
        assertEquals(3, audited.lines().count(), "header and the two imports:\n" + audited);
        String all = parasol.run("audit", "search").ok().out();
        assertTrue(all.contains("e2e-admin"), all);

        CommandResult help = parasol.run("--help").ok();
        assertTrue(help.out().contains("enable-integration"), help.out());
        CommandResult bad = parasol.run("see-domains", "threatqq").expect(3);
        assertFalse(bad.err().contains("at dev.parasol"), "no stack trace for a user error:\n" + bad.err());
    }
}
