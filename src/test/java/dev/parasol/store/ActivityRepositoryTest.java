package dev.parasol.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.policy.Decision;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Verdict;
import dev.parasol.support.TestStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Activity blocks against the obvious answers: every search equals a filter and sort of all the
 * records written; every stored tally equals a recount of the requests, after imports and after
 * prunes that cut blocks in two; stores from before blocks keep their activity.
 */
class ActivityRepositoryTest {
    private static final Instant DAY0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final List<String> DOMAINS = List.of("example.com", "www.example.com", "a.b.example.com", "badexample.com",
            "malware-c2.xyz", "www.malware-c2.xyz", "tracker.example.org", "ads.tracker.example.org", "example.org");
    private static final List<Optional<Identity>> IDENTITIES = List.of(Optional.empty(),
            Optional.of(new Identity(IdentityType.NETWORK, "10.0.0.0/8")), Optional.of(new Identity(IdentityType.NETWORK, "2001:db8::/32")),
            Optional.of(new Identity(IdentityType.ROAMING_COMPUTER, "laptop-7")), Optional.of(new Identity(IdentityType.AD_USER, "laptop-7")));
    private static final List<List<String>> CATEGORIES = List.of(List.of(), List.of(), List.of("ThreatQ"), List.of("ThreatConnect", "ThreatQ"));

    @TempDir
    Path tmp;

    /**
     * Records over three days, with repeated times: the first two thirds in time order, as a log
     * (so blocks cover short spans and searches stop early), the rest in random order (blocks
     * that overlap them all), written in batches of random size.
     */
    private static List<ActivityRecord> records(int n, long seed) {
        Random rnd = new Random(seed);
        List<ActivityRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant t = DAY0.plusSeconds(rnd.nextInt(3 * 86_400 / 60) * 60L).plusMillis(rnd.nextInt(3) * 250L);
            boolean blocked = rnd.nextInt(4) == 0;
            Optional<Decision.Match> match = blocked ? Optional.of(new Decision.Match("Global Block List", "example.org"))
                    : rnd.nextBoolean() ? Optional.empty() : Optional.of(new Decision.Match("Global Allow List", ""));
            out.add(new ActivityRecord(t, IDENTITIES.get(rnd.nextInt(IDENTITIES.size())),
                    rnd.nextInt(5) == 0 ? Optional.empty() : Optional.of("10.0.0." + rnd.nextInt(4)),
                    new DomainName(DOMAINS.get(rnd.nextInt(DOMAINS.size()))), rnd.nextBoolean() ? "A" : "AAAA",
                    blocked ? Verdict.BLOCKED : Verdict.ALLOWED, rnd.nextBoolean() ? "Default Policy" : "Finance",
                    CATEGORIES.get(rnd.nextInt(CATEGORIES.size())), match, "csv"));
        }
        out.subList(0, n * 2 / 3).sort(Comparator.comparing(ActivityRecord::time));
        return out;
    }

    private static void write(Store store, List<ActivityRecord> records, long seed) {
        Random rnd = new Random(seed);
        for (int from = 0; from < records.size(); ) {
            int to = Math.min(records.size(), from + 1 + rnd.nextInt(700));
            List<ActivityRecord> batch = records.subList(from, to);
            store.inTransaction(tx -> {
                tx.activity().insert(batch);
                return null;
            });
            from = to;
        }
    }

    /** What search must return: matching records, newest first, later written first among equal times. */
    private static List<ActivityRecord> expected(List<ActivityRecord> written, Predicate<ActivityRecord> filter, int limit, int offset) {
        return IntStream.range(0, written.size()).boxed()
                .filter(i -> filter.test(written.get(i)))
                .sorted(Comparator.<Integer, Instant>comparing(i -> written.get(i).time()).thenComparing(i -> i).reversed())
                .skip(offset).limit(limit).map(written::get).toList();
    }

    private record Case(ActivityQuery query, Predicate<ActivityRecord> filter) {
    }

    private static List<Case> cases() {
        Instant from = DAY0.plus(Duration.ofHours(30));
        Instant to = DAY0.plus(Duration.ofHours(50));
        Optional<Instant> none = Optional.empty();
        return List.of(
                new Case(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), none, none, 100, 0),
                        r -> true),
                new Case(query(Optional.of("ThreatQ"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(from), Optional.of(to), 50, 0),
                        r -> r.categories().contains("ThreatQ") && !r.time().isBefore(from) && r.time().isBefore(to)),
                new Case(query(Optional.empty(), Optional.of(Verdict.BLOCKED), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        none, none, 20, 30),
                        r -> r.verdict() == Verdict.BLOCKED),
                new Case(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("example.com"), Optional.empty(),
                        none, none, 500, 0),
                        r -> r.domain().value().equals("example.com") || r.domain().value().endsWith(".example.com")),
                new Case(query(Optional.empty(), Optional.empty(), Optional.of("network"), Optional.of("2001:db8::/32"), Optional.empty(),
                        Optional.empty(), Optional.of(from), none, 100, 0),
                        r -> r.identity().map(i -> i.toString().equals("network:2001:db8::/32")).orElse(false) && !r.time().isBefore(from)),
                new Case(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("laptop-7"), Optional.empty(), Optional.empty(),
                        none, none, 100, 0),
                        r -> r.identity().map(i -> i.value().equals("laptop-7")).orElse(false)),
                new Case(query(Optional.of("ThreatConnect"), Optional.of(Verdict.ALLOWED), Optional.empty(), Optional.of("10.0.0.0/8"),
                        Optional.of("org"), Optional.of("Finance"), none, Optional.of(to), 7, 3),
                        r -> r.categories().contains("ThreatConnect") && r.verdict() == Verdict.ALLOWED
                                && r.identity().map(i -> i.value().equals("10.0.0.0/8")).orElse(false)
                                && r.domain().value().endsWith(".org") && r.policy().equals("Finance") && r.time().isBefore(to)),
                new Case(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("nowhere.example.net"),
                        Optional.empty(), none, none, 100, 0),
                        r -> false));
    }

    private static ActivityQuery query(Optional<String> category, Optional<Verdict> verdict, Optional<String> identityType,
                                       Optional<String> identityValue, Optional<String> domain, Optional<String> policy,
                                       Optional<Instant> from, Optional<Instant> to, int limit, long offset) {
        return new ActivityQuery(category, verdict, identityType, identityValue, domain, policy, from, to, limit, offset);
    }

    @Test
    void searchesReturnWhatAFilterAndSortOfEveryRecordWould() {
        List<ActivityRecord> written = records(6_000, 1);
        try (Store store = TestStores.open(tmp.resolve("search"))) {
            write(store, written, 2);
            for (Case c : cases()) {
                List<ActivityRecord> found = store.read(tx -> tx.activity().search(c.query()));
                assertEquals(expected(written, c.filter(), c.query().limit(), (int) c.query().offset()), found, c.query().toString());
            }
        }
    }

    @Test
    void storedTalliesEqualARecountAfterImportsAndPrunes() {
        List<ActivityRecord> written = records(6_000, 3);
        try (Store store = TestStores.open(tmp.resolve("tally"))) {
            write(store, written, 4);
            assertTalliesMatchRecounts(store, written);

            // A prune that cuts blocks in two, then one more import into the pruned range's days.
            Instant cut = DAY0.plus(Duration.ofHours(37)).plusSeconds(17);
            long pruned = 0;
            while (store.read(tx -> tx.activity().anyOlderThan(cut))) {
                pruned += store.inTransaction(tx -> tx.activity().deleteOlderThan(cut, 2));
            }
            assertEquals(written.stream().filter(r -> r.time().isBefore(cut)).count(), pruned);
            List<ActivityRecord> kept = new ArrayList<>(written.stream().filter(r -> !r.time().isBefore(cut)).toList());
            List<ActivityRecord> more = records(1_500, 5);
            write(store, more, 6);
            kept.addAll(more);
            assertEquals(kept.size(), (long) store.read(tx -> tx.activity().count()));
            assertTalliesMatchRecounts(store, kept);
            for (Case c : cases()) {
                assertEquals(expected(kept, c.filter(), c.query().limit(), (int) c.query().offset()),
                        store.read(tx -> tx.activity().search(c.query())), c.query().toString());
            }
        }
    }

    @Test
    void blocksWrittenInFormatOneSearchAndTallyTheSameBesideNewOnes() {
        List<ActivityRecord> old = records(4_000, 21);
        List<ActivityRecord> all = new ArrayList<>(old);
        try (Store store = TestStores.open(tmp.resolve("format1"))) {
            Random rnd = new Random(22);
            for (int from = 0; from < old.size(); ) {
                int to = Math.min(old.size(), from + 1 + rnd.nextInt(700));
                List<ActivityRecord> batch = old.subList(from, to);
                store.inTransaction(tx -> {
                    FormatOneBlocks.insert(tx.connection(), batch);
                    return null;
                });
                from = to;
            }
            assertSearchesAndTallies(store, all);
            List<ActivityRecord> more = records(2_000, 23);
            write(store, more, 24);
            all.addAll(more);
            assertSearchesAndTallies(store, all);
            // A prune rewrites the format 1 block its cut-off falls in as format 2, then the rest.
            Instant cut = DAY0.plus(Duration.ofHours(20)).plusSeconds(7);
            while (store.read(tx -> tx.activity().anyOlderThan(cut))) {
                store.inTransaction(tx -> tx.activity().deleteOlderThan(cut, 3));
            }
            List<ActivityRecord> kept = all.stream().filter(r -> !r.time().isBefore(cut)).toList();
            assertSearchesAndTallies(store, kept);
            assertTrue(formatOneBlocks(store) > 0);
            while (store.inTransaction(tx -> tx.activity().upgradeBlocks(3)) > 0) {
                // a few a transaction
            }
            assertEquals(0, formatOneBlocks(store));
            assertSearchesAndTallies(store, kept);
        }
    }

    @Test
    void smallWritesGoIntoTheNewestBlockOfTheirDay() {
        List<ActivityRecord> written = new ArrayList<>(records(2_400, 31));
        written.sort(Comparator.comparing(ActivityRecord::time));
        try (Store store = TestStores.open(tmp.resolve("merge"))) {
            Random rnd = new Random(32);
            for (int from = 0; from < written.size(); ) {
                int to = Math.min(written.size(), from + 1 + rnd.nextInt(3));
                List<ActivityRecord> few = written.subList(from, to);
                store.inTransaction(tx -> {
                    tx.activity().insert(few);
                    return null;
                });
                from = to;
            }
            // A block a UTC day, and one more for each write that straddles midnight.
            long days = written.stream().map(r -> r.time().getEpochSecond() / 86_400).distinct().count();
            assertTrue(blocks(store) <= 2 * days - 1, blocks(store) + " blocks for " + days + " days");
            assertSearchesAndTallies(store, written);
        }
    }

    @Test
    void mergingTheOneRequestBlocksOfOlderVersionsChangesNoSearchOrTally() {
        List<ActivityRecord> written = new ArrayList<>(records(1_800, 33));
        written.sort(Comparator.comparing(ActivityRecord::time));
        try (Store store = TestStores.open(tmp.resolve("compact"))) {
            // As check --record wrote them before merging: a block per command, one to three requests.
            Random rnd = new Random(34);
            for (int from = 0; from < written.size(); ) {
                int to = Math.min(written.size(), from + 1 + rnd.nextInt(3));
                List<ActivityRecord> few = written.subList(from, to);
                store.inTransaction(tx -> {
                    FormatOneBlocks.insert(tx.connection(), few);
                    return null;
                });
                from = to;
            }
            long before = blocks(store);
            List<List<ActivityRecord>> searchesBefore = new ArrayList<>();
            for (Case c : cases()) {
                searchesBefore.add(store.read(tx -> tx.activity().search(c.query())));
            }
            ActivityTally tallyBefore = store.read(tx -> tx.activity().tally(DAY0.minusSeconds(1), DAY0.plus(Duration.ofDays(4))));

            // Small chunks, so runs go on across the calls.
            for (long after = 0; after >= 0; ) {
                long from = after;
                after = store.inTransaction(tx -> tx.activity().mergeSmallBlocks(from, 7));
            }
            long after = blocks(store);
            assertTrue(before > 500 && after <= 5, before + " blocks merged into " + after);
            for (int i = 0; i < cases().size(); i++) {
                Case c = cases().get(i);
                assertEquals(searchesBefore.get(i), store.read(tx -> tx.activity().search(c.query())), c.query().toString());
            }
            assertEquals(tallyBefore, store.read(tx -> tx.activity().tally(DAY0.minusSeconds(1), DAY0.plus(Duration.ofDays(4)))));
            assertSearchesAndTallies(store, written);
        }
    }

    /** Blocks whose requests part is still in format 1: its first byte is a zlib header's. */
    private static long formatOneBlocks(Store store) {
        return store.read(tx -> {
            long n = 0;
            try (Statement st = tx.connection().createStatement();
                 var rs = st.executeQuery("SELECT bytes FROM activity_block_part WHERE part = 0")) {
                while (rs.next()) {
                    n += rs.getBytes(1)[0] == ActivityBlock.COLUMNS_FORMAT ? 0 : 1;
                }
            }
            return n;
        });
    }

    private static long blocks(Store store) {
        return store.read(tx -> {
            try (Statement st = tx.connection().createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM activity_block")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void assertSearchesAndTallies(Store store, List<ActivityRecord> records) {
        for (Case c : cases()) {
            assertEquals(expected(records, c.filter(), c.query().limit(), (int) c.query().offset()),
                    store.read(tx -> tx.activity().search(c.query())), c.query().toString());
        }
        assertTalliesMatchRecounts(store, records);
    }

    private static void assertTalliesMatchRecounts(Store store, List<ActivityRecord> records) {
        List<Instant[]> ranges = List.of(new Instant[] {DAY0.minusSeconds(1), DAY0.plus(Duration.ofDays(4))},
                new Instant[] {DAY0.plus(Duration.ofHours(5)).plusMillis(250), DAY0.plus(Duration.ofHours(61))},
                new Instant[] {DAY0.plus(Duration.ofDays(1)), DAY0.plus(Duration.ofDays(2))});
        for (Instant[] range : ranges) {
            ActivityTally stored = store.read(tx -> tx.activity().tally(range[0], range[1]));
            ActivityTally recount = store.read(tx -> tx.activity().recount(range[0], range[1]));
            assertEquals(recount, stored, "range " + range[0] + ".." + range[1]);
            List<ActivityRecord> in = records.stream().filter(r -> !r.time().isBefore(range[0]) && r.time().isBefore(range[1])).toList();
            assertEquals(new ActivityCounts.Totals(in.size(), in.stream().filter(r -> r.verdict() == Verdict.BLOCKED).count(),
                    in.stream().flatMap(r -> r.identity().stream()).map(Identity::value).distinct().count()), stored.totals());
        }
    }

    @Test
    void aVersion6StoreKeepsItsActivityThroughTheUpgrade() throws Exception {
        Path home = tmp.resolve("v6");
        String url = Store.embeddedUrl(home);
        List<ActivityRecord> written = records(1_200, 7);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            for (Migrations.Migration m : Migrations.available()) {
                if (m.version() > 6) {
                    continue;
                }
                for (String sql : Migrations.statements(new String(getClass().getClassLoader().getResourceAsStream(m.resource()).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8))) {
                    st.execute(sql);
                }
                st.execute("INSERT INTO schema_version VALUES (" + m.version() + ", 'test', CURRENT_TIMESTAMP)");
            }
            // As V6's repository wrote them: one row per request, its categories in a table of their own.
            try (PreparedStatement row = c.prepareStatement("INSERT INTO activity (id, occurred_at, identity_type, identity_value, client, "
                    + "domain, domain_reversed, query_type, verdict, policy, categories, list_name, entry, source) "
                    + "VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement cat = c.prepareStatement("INSERT INTO activity_category (activity_id, category, occurred_at) VALUES (?, ?, ?)")) {
                for (int i = 0; i < written.size(); i++) {
                    ActivityRecord r = written.get(i);
                    row.setLong(1, i + 1);
                    Sql.setInstant(row, 2, r.time());
                    row.setString(3, r.identity().map(x -> x.type().label()).orElse(null));
                    row.setString(4, r.identity().map(Identity::value).orElse(null));
                    row.setString(5, r.client().orElse(null));
                    row.setString(6, r.domain().value());
                    row.setString(7, r.queryType());
                    row.setString(8, r.verdict().label());
                    row.setString(9, r.policy());
                    row.setString(10, String.join(", ", r.categories()));
                    row.setString(11, r.matched().map(Decision.Match::list).orElse(null));
                    row.setString(12, r.matched().map(Decision.Match::entry).orElse(null));
                    row.setString(13, r.source());
                    row.executeUpdate();
                    for (String category : r.categories()) {
                        cat.setLong(1, i + 1);
                        cat.setString(2, category);
                        Sql.setInstant(cat, 3, r.time());
                        cat.executeUpdate();
                    }
                }
            }
        }
        try (Store store = Store.openEmbedded(home)) {
            assertEquals(Migrations.latestVersion(), store.schemaVersion());
            int moved = 0;
            int n;
            while ((n = store.inTransaction(tx -> tx.activity().moveLegacyRows(500))) > 0) {
                moved += n;
            }
            assertEquals(written.size(), moved);
            assertEquals(written.size(), (long) store.read(tx -> tx.activity().count()));
            for (Case c : cases()) {
                assertEquals(expected(written, c.filter(), c.query().limit(), (int) c.query().offset()),
                        store.read(tx -> tx.activity().search(c.query())), c.query().toString());
            }
            assertTalliesMatchRecounts(store, written);
            assertTrue((boolean) store.<Boolean>read(tx -> {
                try (Statement st = tx.connection().createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM activity")) {
                    rs.next();
                    return rs.getLong(1) == 0;
                }
            }), "the per-request table is empty after the move");
        }
    }
}
