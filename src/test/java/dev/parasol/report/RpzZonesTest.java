package dev.parasol.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.policy.DestinationList;
import dev.parasol.policy.ListKind;
import dev.parasol.policy.Policy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Zone names as `parasol export` writes them ([LIST.]ROLE.POLICY.rpz.parasol), read back. */
class RpzZonesTest {
    private static Policy policy(long id, String name) {
        return new Policy(id, name, (int) id, false, 1, List.of(), List.of());
    }

    private final RpzZones zones = new RpzZones(
            List.of(policy(1, "R&D Lab"), policy(2, "R/D lab"), policy(3, "Default Policy")),
            List.of(new DestinationList(7, "ThreatQ Destination List", ListKind.BLOCK, false, Optional.of(1L))));

    @Test
    void perListZoneNamesPolicyListAndTrigger() {
        RpzZones.Hit hit = zones.resolve("www.malware-c2.xyz.", "*.malware-c2.xyz.threatq-destination-list.block.default-policy.rpz.parasol").orElseThrow();
        assertEquals(Optional.of("Default Policy"), hit.policy());
        assertEquals(Optional.of("ThreatQ Destination List"), hit.list());
        assertEquals("block", hit.role());
        assertEquals("malware-c2.xyz", hit.trigger());
    }

    @Test
    void collidingNamesCarryTheirIds() {
        assertEquals(Optional.of("R&D Lab"), zones.resolve("a.example", "a.example.enforce.r-d-lab-1.rpz.parasol").orElseThrow().policy());
        assertEquals(Optional.of("R/D lab"), zones.resolve("a.example", "a.example.enforce.r-d-lab-2.rpz.parasol").orElseThrow().policy());
        assertTrue(zones.resolve("a.example", "a.example.enforce.r-d-lab.rpz.parasol").orElseThrow().policy().isEmpty());
    }

    @Test
    void triggerLabelsThatLookLikeRolesAreNotMistakenForTheZone() {
        RpzZones.Hit hit = zones.resolve("block.example.com", "block.example.com.audit.default-policy.rpz.parasol").orElseThrow();
        assertEquals("audit", hit.role());
        assertTrue(hit.list().isEmpty());
        assertEquals("block.example.com", hit.trigger());
    }

    @Test
    void otherZonesAreNotParasols() {
        assertTrue(zones.resolve("bad.example", "bad.example.rpz.local").isEmpty());
        assertTrue(zones.resolve("bad.example", "bad.example.bogus.default-policy.rpz.parasol").isEmpty());
    }
}
