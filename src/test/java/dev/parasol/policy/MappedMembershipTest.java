package dev.parasol.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table read from its bytes answers every lookup exactly as the table in memory does. */
class MappedMembershipTest {

    @Test
    void answersEveryLookupAsTheTableInMemory() throws Exception {
        InMemoryMembership memory = new InMemoryMembership(16);
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String name = "h" + Integer.toString(random.nextInt(1_000_000), 36) + (i % 2 == 0 ? ".sample-corp.com" : ".xn--bcher-kva.example");
            memory.add(1 + random.nextInt(3), name);
        }
        memory.add(9, "sample-corp.com");
        memory.add(10, "sample-corp.com");
        MappedMembership mapped = map(memory);
        assertEquals(memory.size(), mapped.size());

        Random queries = new Random(7);
        int hits = 0;
        for (int i = 0; i < 20_000; i++) {
            String name = (i % 3 == 0 ? "www." : "") + "h" + Integer.toString(queries.nextInt(1_000_000), 36)
                    + (i % 2 == 0 ? ".sample-corp.com" : ".xn--bcher-kva.example");
            DomainName d = DomainName.parse(name);
            Set<ListHit> expected = new HashSet<>(memory.lookup(d));
            assertEquals(expected, new HashSet<>(mapped.lookup(d)), name);
            hits += expected.size();
        }
        assertTrue(hits > 20_000, "every name under sample-corp.com hits its two lists: " + hits);
    }

    @Test
    void refusesATableThatDoesNotFitItsBytes() throws Exception {
        InMemoryMembership memory = new InMemoryMembership(4);
        memory.add(1, "example.com");
        ByteBuffer whole = ByteBuffer.wrap(bytes(memory));
        assertThrows(IllegalArgumentException.class, () -> new MappedMembership(whole.duplicate().limit(40).slice()));
        ByteBuffer badCapacity = ByteBuffer.wrap(bytes(memory));
        badCapacity.putInt(0, 3);
        assertThrows(IllegalArgumentException.class, () -> new MappedMembership(badCapacity));
    }

    @Test
    void aTableWithANameBeyondLatin1IsNotWritten() throws Exception {
        // Stored names are ASCII (IDNs as punycode); anything else makes the builder keep to the store.
        InMemoryMembership wide = new InMemoryMembership(4);
        wide.add(1, "ok.example");
        wide.add(2, "\u4f8b\u3048.example");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertFalse(wide.writeTo(new DataOutputStream(out)));
        assertEquals(0, out.size());
    }

    private static byte[] bytes(InMemoryMembership memory) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(memory.writeTo(new DataOutputStream(out)));
        return out.toByteArray();
    }

    private static MappedMembership map(InMemoryMembership memory) throws Exception {
        return new MappedMembership(ByteBuffer.wrap(bytes(memory)));
    }
}
