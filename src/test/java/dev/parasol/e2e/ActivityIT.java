package dev.parasol.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parasol.support.CommandResult;
import dev.parasol.support.ParasolProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit-mode story end to end, one packaged-program process per command: ThreatQ in audit
 * mode, a BIND query log imported, the hits searchable by category as allowed; the preview says
 * what enforcing would block; ThreatQ enforced, the same log decided again blocks exactly that.
 */
class ActivityIT {
    private static final String[] RANGE = {"--from", "2026-11-01", "--to", "2026-12-01"};

    @TempDir
    Path home;

    @Test
    void auditModeHitsThenPreviewThenEnforcementAgree() throws Exception {
        ParasolProcess parasol = new ParasolProcess(home);
        ObjectMapper json = new ObjectMapper();
        parasol.run("enable-integration", "threatq").ok();
        parasol.runWithInput("malware-c2.xyz\nphish.sample-corp.net\n", "import", "threatq", "-").ok();
        parasol.run("identity", "add", "network:10.0.0.0/8").ok();

        Path log = home.resolve("queries.log");
        Files.writeString(log, String.join("\n",
                "23-Nov-2026 09:00:00.001 queries: info: client @0x7f3a1c0a8b60 10.0.0.5#53211 (www.malware-c2.xyz): query: www.malware-c2.xyz IN A +E(0)K (10.0.0.1)",
                "23-Nov-2026 09:00:00.002 queries: info: client @0x7f3a1c0a8b60 10.0.0.5#53212 (www.example.com): query: www.example.com IN A +E(0)K (10.0.0.1)",
                "23-Nov-2026 09:05:00.000 queries: info: client @0x7f3a1c0a8b60 10.0.0.6#53213 (phish.sample-corp.net): query: phish.sample-corp.net IN AAAA +E(0)K (10.0.0.1)",
                "23-Nov-2026 09:06:00.000 queries: info: client @0x7f3a1c0a8b60 192.168.7.7#53214 (login.phish.sample-corp.net): query: login.phish.sample-corp.net IN A +E(0)K (10.0.0.1)",
                "23-Nov-2026 09:07:00.000 queries: info: client @0x7f3a1c0a8b60 192.168.7.7#53215 (cdn.example.net): query: cdn.example.net IN A +E(0)K (10.0.0.1)",
                ""));
        CommandResult imported = parasol.run("activity", "import", log.toString()).ok();
        assertTrue(imported.err().contains("5 queries recorded (0 blocked)"), imported.err());

        JsonNode hits = json.readTree(parasol.run(args("activity", "search", "--category", "ThreatQ", "-o", "json")).ok().out());
        assertEquals(3, hits.size(), hits.toString());
        for (JsonNode hit : hits) {
            assertEquals("allowed", hit.get("verdict").asText(), "audit mode: " + hit);
            assertEquals("ThreatQ", hit.get("categories").get(0).asText());
        }

        JsonNode preview = json.readTree(parasol.run(args("report", "--preview-integration", "threatq", "--policy", "Default Policy",
                "-o", "json")).ok().out()).get("preview");
        assertEquals(5, preview.get("allowedRequests").asLong());
        assertEquals(3, preview.get("wouldBlock").asLong());
        Set<String> previewed = new HashSet<>();
        for (JsonNode e : preview.get("examples")) {
            previewed.add(e.get("identity").asText() + " " + e.get("domain").asText());
        }
        assertEquals(Set.of("network:10.0.0.0/8 www.malware-c2.xyz", "network:10.0.0.0/8 phish.sample-corp.net",
                "network:192.168.7.7/32 login.phish.sample-corp.net"), previewed);

        parasol.run("security-setting", "set", "Default Settings", "--integration", "threatq").ok();
        CommandResult again = parasol.run("activity", "import", log.toString()).ok();
        assertTrue(again.err().contains("5 queries recorded (3 blocked)"), again.err());
        JsonNode blocked = json.readTree(parasol.run(args("activity", "search", "--category", "ThreatQ", "--verdict", "blocked",
                "-o", "json")).ok().out());
        Set<String> enforced = new HashSet<>();
        for (JsonNode b : blocked) {
            enforced.add(b.get("identity").asText() + " " + b.get("domain").asText());
            assertEquals("ThreatQ Destination List", b.get("matched").get("list").asText());
        }
        assertEquals(previewed, enforced, "the preview named exactly what enforcement blocks");
        Set<String> identities = new HashSet<>();
        preview.get("identities").forEach(i -> identities.add(i.get("identity").asText() + "=" + i.get("requests").asLong()));
        assertEquals(Set.of("network:10.0.0.0/8=2", "network:192.168.7.7/32=1"), identities);
    }

    private static String[] args(String... command) {
        String[] all = new String[command.length + RANGE.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(RANGE, 0, all, command.length, RANGE.length);
        return all;
    }
}
