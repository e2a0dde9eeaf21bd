package dev.parasol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.policy.Decision;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Block formats: what is written reads back the same, and a name lookup finds what a scan of every value would. */
class ActivityBlockTest {
    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    /** Names over many dictionary pages, with subdomains, look-alikes ("xexample.com", "ex-ample.com") and non-ASCII labels. */
    private static List<String> names() {
        Set<String> names = new LinkedHashSet<>();
        Random rnd = new Random(11);
        for (int i = 0; i < 900; i++) {
            String base = "n" + Integer.toString(rnd.nextInt(5_000), 36) + (rnd.nextBoolean() ? ".com" : ".de");
            names.add(base);
            if (rnd.nextInt(3) == 0) {
                names.add("www." + base);
            }
            if (rnd.nextInt(5) == 0) {
                names.add("a.b." + base);
            }
        }
        names.addAll(List.of("example.com", "xexample.com", "www.example.com", "ex-ample.com", "a.example.com-x.net", "example.com.au",
                "bücher.example.com", "com.example.org", "b-.example.com", "example-.com"));
        return new ArrayList<>(names);
    }

    private static List<ActivityRecord> records(List<String> names, int n) {
        Random rnd = new Random(12);
        List<ActivityRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean blocked = rnd.nextInt(3) == 0;
            out.add(new ActivityRecord(T0.plusMillis(i * 37L - rnd.nextInt(100)),
                    rnd.nextInt(4) == 0 ? Optional.empty() : Optional.of(new Identity(IdentityType.NETWORK, "10.0." + rnd.nextInt(3) + ".0/24")),
                    rnd.nextInt(5) == 0 ? Optional.empty() : Optional.of("10.0.0." + rnd.nextInt(300)),
                    new DomainName(names.get(rnd.nextInt(names.size()))), rnd.nextBoolean() ? "A" : "AAAA",
                    blocked ? Verdict.BLOCKED : Verdict.ALLOWED, rnd.nextBoolean() ? "Default Policy" : "Finance",
                    rnd.nextBoolean() ? List.of() : List.of("ThreatQ"),
                    blocked ? Optional.of(new Decision.Match("ThreatQ Destination List", names.get(rnd.nextInt(names.size())))) : Optional.empty(),
                    "bind"));
        }
        return out;
    }

    private static List<ActivityRecord> read(ActivityBlock b) {
        List<ActivityRecord> out = new ArrayList<>();
        for (int i = 0; i < b.size; i++) {
            out.add(b.record(i));
        }
        return out;
    }

    @Test
    void aBlockReadsBackTheRecordsItWasWrittenFrom() {
        List<ActivityRecord> written = records(names(), 3 * ActivityBlock.CHUNK + 17);
        ActivityBlock block = ActivityBlock.of(written);
        byte[] bytes = block.encode();
        assertEquals(ActivityBlock.COLUMNS_FORMAT, bytes[0]);
        ActivityBlock decoded = ActivityBlock.decode(bytes);
        assertTrue(decoded.column(ActivityBlock.Field.DOMAIN).distinct() > 3 * ActivityBlock.PAGE, "the names span several pages");
        // Requests one at a time (each reads its chunks), then all at once.
        for (int i = written.size() - 1; i >= 0; i -= 999) {
            assertEquals(written.get(i), ActivityBlock.decode(bytes).record(i));
        }
        assertEquals(written, read(decoded));
        assertEquals(ActivityTally.of(block, Long.MIN_VALUE, Long.MAX_VALUE), ActivityTally.of(decoded, Long.MIN_VALUE, Long.MAX_VALUE));
        // Written again from what was read (a prune or a merge does that): the same bytes.
        assertEquals(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(decoded.encode(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void aFormatOneBlockReadsTheSame() {
        List<ActivityRecord> written = records(names(), 3_000);
        byte[] bytes = FormatOneBlocks.encode(ActivityBlock.of(written));
        assertTrue((bytes[0] & 0x0F) == 8, "format 1 starts with a zlib header");
        assertEquals(written, read(ActivityBlock.decode(bytes)));
    }

    @Test
    void aNameLookupFindsTheNameAndItsSubdomainsOnly() {
        List<String> names = names();
        ActivityBlock decoded = ActivityBlock.decode(ActivityBlock.of(records(names, 6_000)).encode());
        ActivityBlock.Column domains = decoded.column(ActivityBlock.Field.DOMAIN);
        Set<String> asked = new TreeSet<>(names);
        for (String n : names) {
            for (int dot = n.indexOf('.'); dot >= 0; dot = n.indexOf('.', dot + 1)) {
                asked.add(n.substring(dot + 1));
            }
            asked.add("x" + n);
            asked.add(n + "x");
        }
        asked.addAll(List.of("example.com", "ample.com", "om", "", "zzz.zz", "a"));
        for (String name : asked) {
            boolean[] paged = domains.matchingName(name);
            boolean[] scanned = domains.matching(v -> v.equals(name) || v.endsWith("." + name));
            assertEquals(toSet(domains, scanned), toSet(domains, paged), "names matching '" + name + "'");
        }
    }

    private static Set<String> toSet(ActivityBlock.Column c, boolean[] ok) {
        Set<String> out = new TreeSet<>();
        for (int ref = 1; ref < ok.length; ref++) {
            if (ok[ref]) {
                out.add(c.text(ref));
            }
        }
        return out;
    }
}
