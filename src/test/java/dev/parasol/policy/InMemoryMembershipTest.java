package dev.parasol.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryMembershipTest {

    @Test
    void findsTheNameAndEveryListedParentInEveryList() {
        InMemoryMembership m = new InMemoryMembership(2);
        m.add(1, "example.com");
        m.add(2, "example.com");
        m.add(1, "example.com");
        m.add(3, "b.example.com");
        m.add(4, "com.example");
        Set<ListHit> hits = new HashSet<>(m.lookup(DomainName.parse("a.b.example.com")));
        assertEquals(Set.of(new ListHit(1, "example.com"), new ListHit(2, "example.com"), new ListHit(3, "b.example.com")), hits);
        assertEquals(List.of(), m.lookup(DomainName.parse("notexample.com")));
        assertEquals(List.of(), m.lookup(DomainName.parse("example.org")));
        assertEquals(3, m.size());
    }

    @Test
    void growsPastItsInitialCapacityWithoutLosingEntries() {
        InMemoryMembership m = new InMemoryMembership(1);
        for (int i = 0; i < 50_000; i++) {
            m.add(i % 3, "host" + i + ".example.net");
        }
        m.add(7, "host49999.example.net");
        assertEquals(50_000, m.size());
        for (int i = 0; i < 50_000; i += 997) {
            assertEquals(List.of(new ListHit(i % 3, "host" + i + ".example.net")),
                    m.lookup(DomainName.parse("www.host" + i + ".example.net")));
        }
        assertEquals(2, m.lookup(DomainName.parse("host49999.example.net")).size());
    }
}
