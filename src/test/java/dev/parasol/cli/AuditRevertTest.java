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

    @Test
    void otherChangesAndUnknownRecordsAreRefusedWithAReason() throws Exception {
        cli.run("policy", "set", "Roaming", "--identity", "roaming-computer:laptop-7").ok();
        long policy = newestAudit("policy").get("id").asLong();
        String refused = cli.run("audit", "revert", String.valueOf(policy)).expect(5).err();
        assertTrue(refused.contains("cannot be reverted"), refused);
        assertEquals(1, refused.lines().count(), refused);
        cli.run("audit", "revert", "99999").expect(3);
    }
}
