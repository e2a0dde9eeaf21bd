package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.Json;
import dev.parasol.support.CliTest;
import org.junit.jupiter.api.Test;

/** `parasol audit revert ID`: a change undone from its before state, and the undo itself audited. */
class AuditRevertTest extends CliTest {

    private JsonNode newestAudit(String type) throws Exception {
        return Json.mapper().readTree(cli.run("audit", "search", "--type", type, "-o", "json").ok().out()).get(0);
    }

    private String allowList() {
        return cli.run("allow", "list", "-o", "csv").ok().out();
    }

    @Test
    void anAllowEntryAddedByMistakeIsRemovedAndTheRevertIsAudited() throws Exception {
        cli.run("allow", "partner.xyz", "--comment", "ticket 7").ok();
        long added = newestAudit("destination-list-entry").get("id").asLong();

        cli.run("audit", "revert", String.valueOf(added), "--as", "bob").ok();
        assertTrue(!allowList().contains("partner.xyz"), allowList());
        JsonNode revert = newestAudit("destination-list-entry");
        assertEquals("delete", revert.get("action").asText());
        assertEquals("bob", revert.get("user").asText());
        assertTrue(revert.toString().contains("\"revertOf\":" + added), revert.toString());

        String again = cli.run("audit", "revert", String.valueOf(added)).expect(5).err();
        assertTrue(again.contains("no longer on 'Global Allow List'"), again);
    }

    @Test
    void aDomainDeletedFromAnIntegrationListComesBackWithItsComment() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        cli.runWithInput("c2.bad.xyz\n", "import", "threatq", "-").ok();
        cli.run("block", "ads.bad.xyz", "--comment", "keep blocking").ok();
        cli.run("block", "remove", "ads.bad.xyz").ok();
        long removed = newestAudit("destination-list-entry").get("id").asLong();
        cli.run("audit", "revert", String.valueOf(removed)).ok();
        String blocked = cli.run("block", "list", "-o", "csv").ok().out();
        assertTrue(blocked.contains("ads.bad.xyz") && blocked.contains("keep blocking"), blocked);

        cli.run("delete-domain", "threatq", "c2.bad.xyz").ok();
        long deleted = newestAudit("destination-list-entry").get("id").asLong();
        cli.run("audit", "revert", String.valueOf(deleted)).ok();
        assertTrue(cli.run("see-domains", "threatq", "-o", "csv").ok().out().contains("c2.bad.xyz"));
    }

    private long newestId(String type) throws Exception {
        return newestAudit(type).get("id").asLong();
    }

    private JsonNode policies() throws Exception {
        return Json.mapper().readTree(cli.run("policy", "list", "-o", "json").ok().out());
    }

    private String revert(long id) {
        return cli.run("audit", "revert", String.valueOf(id)).ok().err();
    }

    @Test
    void aPolicyGoesBackStepByStepAndARevertOnTopOfLaterChangesIsRefused() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        cli.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        cli.run("policy", "set", "Roaming", "--identity", "roaming-computer:laptop-7").ok();
        long created = newestId("policy");
        cli.run("policy", "set", "Roaming", "--security-setting", "Strict", "--identity", "ad-user:alice").ok();
        long updated = newestId("policy");

        String refused = cli.run("audit", "revert", String.valueOf(created)).expect(5).err();
        assertTrue(refused.contains("policy 'Roaming' changed since; revert the later changes first"), refused);
        assertEquals(1, refused.strip().lines().count(), refused);

        revert(updated);
        JsonNode roaming = policies().get(0);
        assertEquals("Default Settings", roaming.get("securitySetting").asText(), roaming.toString());
        assertEquals("[\"roaming-computer:laptop-7\"]", roaming.get("identities").toString());
        assertTrue(newestAudit("policy").toString().contains("\"revertOf\":" + updated));

        revert(created);
        assertEquals(1, policies().size(), "only the Default Policy is left: " + policies());
    }

    @Test
    void aDeletedPolicyComesBackInItsPlaceWithItsIdentitiesAndLists() throws Exception {
        cli.run("destination-list", "create", "Partners", "--type", "allow").ok();
        cli.run("policy", "set", "Finance", "--identity", "network:10.0.1.0/24", "--list", "Partners").ok();
        cli.run("policy", "set", "Roaming", "--identity", "roaming-computer:laptop-7").ok();
        JsonNode finance = policies().get(0);
        cli.run("policy", "delete", "Finance").ok();
        revert(newestId("policy"));
        JsonNode back = policies().get(0);
        assertEquals(finance, back, "same name, position, identities, setting and lists");
    }

    @Test
    void anIdentityDeletedWithDetachGoesBackIntoItsPolicy() throws Exception {
        cli.run("policy", "set", "Roaming", "--identity", "roaming-computer:laptop-7", "--identity", "ad-user:bob").ok();
        JsonNode before = policies().get(0).get("identities");
        cli.run("identity", "delete", "ad-user:bob", "--detach").ok();
        assertEquals("[\"roaming-computer:laptop-7\"]", policies().get(0).get("identities").toString());
        revert(newestId("identity"));
        assertEquals(before, policies().get(0).get("identities"));
    }

    @Test
    void securitySettingsSettingsAndIntegrationsGoBack() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        cli.run("security-setting", "set", "Strict", "--integration", "threatq").ok();
        revert(newestId("security-setting"));
        cli.run("security-setting", "show", "Strict").expect(3);

        cli.run("config", "set", "rate-limit", "50").ok();
        long first = newestId("setting");
        cli.run("config", "set", "rate-limit", "70").ok();
        revert(newestId("setting"));
        assertEquals("50", cli.run("config", "get", "rate-limit").ok().out().strip());
        revert(first);
        assertEquals("0", cli.run("config", "get", "rate-limit").ok().out().strip(), "back to the default");

        String url = cli.run("integrations", "-o", "csv").ok().out();
        cli.run("disable-integration", "threatq").ok();
        revert(newestId("integration"));
        assertEquals(url, cli.run("integrations", "-o", "csv").ok().out(), "enabled again, same customer key and URL");
        cli.run("enable-integration", "threatq", "--rotate-key").ok();
        String rotated = cli.run("audit", "revert", String.valueOf(newestId("integration"))).expect(5).err();
        assertTrue(rotated.contains("the old key is not kept"), rotated);
    }

    @Test
    void anImportIsUndoneExceptForNamesSentAgainSince() throws Exception {
        cli.run("enable-integration", "threatq").ok();
        cli.runWithInput("keep.bad.xyz\n", "import", "threatq", "-").ok();
        cli.runWithInput("keep.bad.xyz\nc2.bad.xyz\nphish.bad.xyz\nsent-again.bad.xyz\n", "import", "threatq", "-").ok();
        long mistaken = newestId("destination-list");
        cli.runWithInput("sent-again.bad.xyz\n", "import", "threatq", "-").ok();

        String said = revert(mistaken);
        assertTrue(said.contains("removed 2 of the 3 names"), said);
        String left = cli.run("see-domains", "threatq", "-o", "csv").ok().out();
        assertTrue(left.contains("keep.bad.xyz") && left.contains("sent-again.bad.xyz"), left);
        assertTrue(!left.contains("c2.bad.xyz") && !left.contains("phish.bad.xyz"), left);
        JsonNode record = newestAudit("destination-list");
        assertEquals(mistaken, record.get("after").get("revertOf").asLong());
        assertEquals("[\"c2.bad.xyz\",\"phish.bad.xyz\"]", record.get("after").get("domains").toString());
        // Removed names are remembered as deleted: sent again, they come back as re-added.
        cli.runWithInput("c2.bad.xyz\n", "import", "threatq", "-").ok();
        assertTrue(newestAudit("destination-list-entry").get("object").asText().contains("(re-added)"));
        cli.run("audit", "revert", String.valueOf(mistaken)).expect(5);
    }

    @Test
    void otherChangesAndUnknownRecordsAreRefusedWithAReason() throws Exception {
        cli.runWithInput("popular.example\n", "safeguard", "import", "-").ok();
        long safeguard = newestId("safeguard");
        String refused = cli.run("audit", "revert", String.valueOf(safeguard)).expect(5).err();
        assertTrue(refused.contains("cannot be reverted"), refused);
        assertEquals(1, refused.lines().count(), refused);
        cli.run("audit", "revert", "99999").expect(3);
    }
}
