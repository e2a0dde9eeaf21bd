package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.CliTest;
import dev.parasol.support.CommandResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `parasol import` of vendor CSV exports on stdin: detected, columns found by content, rows of other types counted. */
class CsvImportTest extends CliTest {
    /** An OpenCTI-style export: neither header is one Parasol knows by name. */
    private static final String OBSERVABLES = """
            Observable,Kind,Description,First Seen
            c2.bad.xyz,Domain-Name,"Loader C2, see https://blog.vendor.xyz/loader",2026-11-01
            hxxps://login.bad[.]xyz/office,Url,,2026-11-01
            10.1.2.3,IPv4-Addr,,2026-11-01
            44d88612fea8a8f36de82e1278abb02f,md5,,2026-11-01
            https://blog.vendor.xyz/loader,Description,Write-up of the campaign,2026-11-01
            10.9.8.7,Domain-Name,typed as a domain but an address,2026-11-02
            mail.google.com,Hostname,,2026-11-02
            """;

    @BeforeEach
    void enable() {
        cli.run("enable-integration", "threatq").ok();
    }

    @Test
    void dryRunSummaryCountsRowsSkippedByTypeUnderOneReason() throws Exception {
        JsonNode r = json(cli.runWithInput(OBSERVABLES, "import", "threatq", "-", "--dry-run", "-o", "json").expect(4));
        assertEquals("csv", r.get("format").asText());
        assertEquals(4, r.get("read").asInt());
        assertEquals(2, r.get("added").asInt());
        assertEquals(5, r.get("rejected").asInt());
        JsonNode byReason = r.get("rejectedByReason");
        assertEquals(3, byReason.get("skipped by type").asInt(), byReason::toString);
        assertEquals(1, byReason.get("IP address").asInt(), byReason::toString);
        assertEquals(1, byReason.get("popular-domain safeguard").asInt(), byReason::toString);
        assertEquals(3, byReason.size(), byReason::toString);
    }

    @Test
    void skippedRowsAreStoredWithTheirTypeLineAndValueAndTheBlogIsNotBlocked() throws Exception {
        cli.runWithInput(OBSERVABLES, "import", "threatq", "-").expect(4);
        JsonNode domains = json(cli.run("see-domains", "threatq", "-o", "json").ok());
        List<String> names = new ArrayList<>();
        domains.forEach(d -> names.add(d.get("domain").asText()));
        assertEquals(List.of("c2.bad.xyz", "login.bad.xyz"), names.stream().sorted().toList());

        JsonNode skipped = json(cli.run("rejected", "threatq", "--reason", "skipped by type", "-o", "json").ok());
        List<String> rows = new ArrayList<>();
        skipped.forEach(s -> rows.add(s.get("line").asInt() + " " + s.get("value").asText() + " " + s.get("reason").asText()));
        assertEquals(List.of("4 10.1.2.3 skipped by type (IPv4-Addr)", "5 44d88612fea8a8f36de82e1278abb02f skipped by type (md5)",
                "6 https://blog.vendor.xyz/loader skipped by type (Description)"), rows.stream().sorted().toList());
        JsonNode hashes = json(cli.run("rejected", "threatq", "--reason", "skipped by type (md5", "-o", "json").ok());
        assertEquals(1, hashes.size());
        assertEquals(5, hashes.get(0).get("line").asInt());
        JsonNode address = json(cli.run("rejected", "threatq", "--reason", "IP address", "-o", "json").ok());
        assertEquals(7, address.get(0).get("line").asInt());
    }

    @Test
    void aCsvWithoutAnyColumnOfIndicatorsIsRefusedWithTheReason() {
        CommandResult r = cli.runWithInput("Name,Notes,When\nAlice,\"met at https://conf.vendor.xyz, talked\",2026-11-01\nBob,nothing,2026-11-02\n",
                "import", "threatq", "-", "--format", "csv");
        assertEquals(4, r.exitCode(), r::err);
        assertTrue(r.err().contains("no column of the CSV holds domains or URLs"), r::err);
    }

    private static JsonNode json(CommandResult r) throws Exception {
        return Json.mapper().readTree(r.out());
    }
}
