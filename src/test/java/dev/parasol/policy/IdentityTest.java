package dev.parasol.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void parsesTypeAndValueCaseInsensitively() {
        Identity i = Identity.parse("Roaming-Computer:Laptop-7");
        assertEquals(IdentityType.ROAMING_COMPUTER, i.type());
        assertEquals("roaming-computer:laptop-7", i.toString());
    }

    @Test
    void networkValuesAreCanonicalBlocks() {
        assertEquals("network:10.20.0.0/16", Identity.parse("network:10.20.3.4/16").toString());
        assertEquals("network:2001:db8::/32", Identity.parse("network:2001:0db8:0:0::1/32").toString());
        assertEquals("network:192.0.2.7/32", Identity.parse("network:192.0.2.7").toString());
    }

    @Test
    void networkCoversContainedAddressesOnly() {
        Identity hq = Identity.parse("network:10.20.0.0/16");
        assertTrue(hq.covers(Identity.parse("network:10.20.255.1")));
        assertFalse(hq.covers(Identity.parse("network:10.21.0.1")));
        assertTrue(hq.covers(Identity.parse("network:10.20.4.0/24")));
        assertFalse(hq.covers(Identity.parse("network:10.0.0.0/8")), "a wider block is not inside a narrower one");
        Identity v6 = Identity.parse("network:2001:db8::/32");
        assertTrue(v6.covers(Identity.parse("network:2001:db8:ffff::1")));
        assertFalse(v6.covers(Identity.parse("network:2001:db9::1")));
        assertFalse(v6.covers(Identity.parse("network:10.20.0.1")), "v4 never matches a v6 block");
    }

    @Test
    void rejectsMalformedIdentities() {
        assertThrows(IllegalArgumentException.class, () -> Identity.parse("laptop-7"));
        assertThrows(IllegalArgumentException.class, () -> Identity.parse("printer:x"));
        assertThrows(IllegalArgumentException.class, () -> Identity.parse("network:10.0.0.300"));
        assertThrows(IllegalArgumentException.class, () -> Identity.parse("network:10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Identity.parse("network:example.com"));
    }
}
