package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.CliTest;
import dev.parasol.support.CommandResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCommandTest extends CliTest {
    private List<String> order() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode p : Json.mapper().readTree(cli.run("policy", "list", "-o", "json").ok().out())) {
            names.add(p.get("name").asText());
        }
        return names;
    }

    @Test
    void newPoliciesGoAboveTheDefaultAndCanBeMoved() throws Exception {
        cli.run("policy", "set", "A", "--identity", "site:a").ok();
        cli.run("policy", "set", "B", "--identity", "site:b").ok();
        cli.run("policy", "set", "C", "--identity", "site:c", "--position", "1").ok();
        assertEquals(List.of("C", "A", "B", "Default Policy"), order());
        cli.run("policy", "move", "C", "--after", "B").ok();
        assertEquals(List.of("A", "B", "C", "Default Policy"), order());
        cli.run("policy", "move", "B", "--before", "A").ok();
        assertEquals(List.of("B", "A", "C", "Default Policy"), order());
        cli.run("policy", "move", "A", "--position", "99").ok();
        assertEquals(List.of("B", "C", "A", "Default Policy"), order());
        cli.run("policy", "delete", "C").ok();
        assertEquals(List.of("B", "A", "Default Policy"), order());
        JsonNode positions = Json.mapper().readTree(cli.run("policy", "list", "-o", "json").ok().out());
        assertEquals(1, positions.get(0).get("position").asInt());
        assertEquals(3, positions.get(2).get("position").asInt());
    }

    @Test
    void policySetIsIdempotentAndAddsOrRemovesPieceByPiece() throws Exception {
        cli.run("destination-list", "create", "Partners", "--type", "allow").ok();
        cli.run("policy", "set", "HQ", "--identity", "network:10.20.0.0/16", "--list", "Partners").ok();
        cli.run("policy", "set", "HQ", "--identity", "network:10.20.0.0/16", "--list", "Partners").ok();
        cli.run("policy", "set", "HQ", "--identity", "site:hq").ok();
        JsonNode hq = Json.mapper().readTree(cli.run("policy", "show", "HQ", "-o", "json").ok().out()).get(0);
        assertEquals(2, hq.get("identities").size());
        assertEquals("Partners", hq.get("lists").get(0).asText());
        cli.run("policy", "set", "HQ", "--remove-identity", "site:hq", "--remove-list", "Partners").ok();
        hq = Json.mapper().readTree(cli.run("policy", "show", "HQ", "-o", "json").ok().out()).get(0);
        assertEquals("network:10.20.0.0/16", hq.get("identities").get(0).asText());
        assertEquals(0, hq.get("lists").size());
        long policyAudits = Json.mapper().readTree(cli.run("audit", "search", "--type", "policy", "-o", "json").ok().out()).size();
        assertEquals(3, policyAudits, "the repeated identical set was not audited as a change");
    }

    @Test
    void ipMatchesNetworkIdentitiesAndCustomBlockListsApply() throws Exception {
        cli.run("destination-list", "create", "Finance Block", "--type", "block").ok();
        cli.run("block", "--list", "Finance Block", "gambling.example").ok();
        cli.run("policy", "set", "HQ", "--identity", "network:10.20.0.0/16", "--list", "Finance Block").ok();
        JsonNode inside = Json.mapper().readTree(cli.run("check", "www.gambling.example", "--ip", "10.20.1.2", "-o", "json").ok().out());
        assertEquals("blocked", inside.get("verdict").asText());
        assertEquals("Finance Block", inside.get("matched").get("list").asText());
        JsonNode outside = Json.mapper().readTree(cli.run("check", "www.gambling.example", "--ip", "10.99.1.2", "-o", "json").ok().out());
        assertEquals("allowed", outside.get("verdict").asText());
        assertEquals("Default Policy", outside.get("policy").asText());
    }

    @Test
    void securitySettingInUseCannotBeDeleted() {
        cli.run("security-setting", "set", "Strict").ok();
        cli.run("policy", "set", "P", "--identity", "site:x", "--security-setting", "Strict").ok();
        CommandResult r = cli.run("security-setting", "delete", "Strict").expect(5);
        assertTrue(r.err().contains("used by P"), r.err());
        cli.run("policy", "delete", "P").ok();
        cli.run("security-setting", "delete", "Strict").ok();
    }

    @Test
    void identitiesAreRegisteredAndDetachedOnDelete() throws Exception {
        cli.run("identity", "add", "ad-group:Finance", "--label", "Finance team").ok();
        cli.run("policy", "set", "Finance", "--identity", "ad-group:finance").ok();
        cli.run("identity", "delete", "ad-group:finance").expect(5);
        cli.run("identity", "delete", "ad-group:finance", "--detach").ok();
        JsonNode finance = Json.mapper().readTree(cli.run("policy", "show", "Finance", "-o", "json").ok().out()).get(0);
        assertEquals(0, finance.get("identities").size());
    }
}
