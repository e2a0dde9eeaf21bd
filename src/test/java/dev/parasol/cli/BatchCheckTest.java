package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.CommandResult;
import dev.parasol.support.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCheckTest {
    @TempDir
    Path home;

    @Test
    void batchDecisionsMatchSingleDecisions() throws Exception {
        try (Cli cli = new Cli(home)) {
            cli.run("enable-integration", "threatq").ok();
            cli.runWithInput("evil.sample-corp.com\nc2.sample-corp.net\n", "import", "threatq").ok();
            cli.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
            cli.run("policy", "set", "Roaming", "--identity", "roaming-computer:laptop-7", "--security-setting", "Strict").ok();
            cli.run("allow", "ok.evil.sample-corp.com").ok();
            String queries = "www.evil.sample-corp.com\nok.evil.sample-corp.com\nclean.sample-corp.org\nbad..name\nc2.sample-corp.net\n";
            CommandResult r = cli.runWithInput(queries, "check", "--file", "-", "--identity", "roaming-computer:laptop-7", "-o", "json")
                    .expect(4);
            List<String> lines = r.out().lines().toList();
            assertEquals(4, lines.size(), r.out());
            for (String line : lines) {
                JsonNode batch = Json.mapper().readTree(line);
                JsonNode single = Json.mapper().readTree(cli.run("check", batch.get("domain").asText(),
                        "--identity", "roaming-computer:laptop-7", "-o", "json").ok().out());
                assertEquals(single, batch, "batch and single decisions agree for " + batch.get("domain"));
            }
            assertTrue(r.err().contains("<stdin>:4: 'bad..name': empty label"), r.err());
            assertTrue(r.err().contains("4 decisions (2 blocked), 1 rejected"), r.err());

            CommandResult blockedOnly = cli.runWithInput(queries, "check", "--file", "-", "--identity", "roaming-computer:laptop-7",
                    "--only", "blocked", "-o", "csv").expect(4);
            assertEquals(List.of("domain,verdict,policy,categories,list,entry",
                    "www.evil.sample-corp.com,blocked,Roaming,ThreatQ,\"ThreatQ Destination List\",evil.sample-corp.com",
                    "c2.sample-corp.net,blocked,Roaming,ThreatQ,\"ThreatQ Destination List\",c2.sample-corp.net"), blockedOnly.out().lines().toList());
        }
    }
}
