package dev.parasol.store;

import dev.parasol.policy.Decision;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Request activity, stored in blocks of up to {@link #MAX_BLOCK} requests (V7__activity_blocks.sql):
 * a block row with its time span and counts, and three parts read only when needed: the
 * requests ({@link ActivityBlock}), a Bloom filter of their filterable values
 * ({@link ActivitySketch}) and their per-day counts ({@link ActivityTally}). Writing a million
 * requests is twenty blocks; a search walks blocks newest first, skips those the filter rules
 * out, and stops once no older block can change its page.
 */
public final class ActivityRepository {
    /** Requests per block: big enough that per-row costs vanish, small enough to decode in milliseconds. */
    public static final int MAX_BLOCK = 50_000;
    /**
     * A newest block smaller than this takes in later writes of its UTC day that fit, instead of
     * a block of their own: `check --record` writes a request or a few per command.
     */
    static final int MERGE_BELOW = 5_000;
    private static final long DAY_NANOS = 86_400_000_000_000L;
    /** A request's place: block id and index; indexes fit below this bit. */
    private static final int INDEX_BITS = 20;

    /** The parts of a block, by the number stored in activity_block_part.part. */
    enum Part {
        REQUESTS(0), SKETCH(1), TALLY(2);

        final int number;

        Part(int number) {
            this.number = number;
        }
    }

    record BlockRow(long id, long firstNanos, long lastNanos, int requests, int blocked) {
    }

    private final Connection c;

    ActivityRepository(Connection c) {
        this.c = c;
    }

    /** Stores the records, in the order given, as blocks of at most {@link #MAX_BLOCK}. */
    public void insert(List<ActivityRecord> records) throws SQLException {
        for (int from = 0; from < records.size(); from += MAX_BLOCK) {
            insert(ActivityBlock.of(records.subList(from, Math.min(records.size(), from + MAX_BLOCK))));
        }
    }

    /** Stores the batch as one block. */
    public void insert(ActivityBatch batch) throws SQLException {
        if (batch.size() > MAX_BLOCK) {
            throw new IllegalArgumentException("an activity block holds at most " + MAX_BLOCK + " requests");
        }
        if (!batch.isEmpty()) {
            insert(batch.block());
        }
    }

    private void insert(ActivityBlock block) throws SQLException {
        if (block.size < MERGE_BELOW && mergeIntoNewest(block)) {
            return;
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO activity_block (first_at, last_at, requests, blocked, format) VALUES (?, ?, ?, ?, 2)",
                Statement.RETURN_GENERATED_KEYS)) {
            bindSpan(ps, block);
            ps.executeUpdate();
            id = Sql.generatedId(ps);
        }
        writeParts(id, block, false);
    }

    /**
     * Appends the block to the newest block when that one is small, in the same UTC day, and
     * both fit in one. Appending to the highest id keeps every request's place after those
     * written before it. FOR UPDATE: two processes recording at once take turns.
     */
    private boolean mergeIntoNewest(ActivityBlock block) throws SQLException {
        BlockRow newest;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, first_at, last_at, requests, blocked FROM activity_block "
                + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            newest = blockRow(rs);
        }
        long[] span = span(block);
        if (newest.requests() >= MERGE_BELOW || newest.requests() + block.size > MAX_BLOCK
                || !sameDay(Math.min(newest.firstNanos(), span[0]), Math.max(newest.lastNanos(), span[1]))) {
            return false;
        }
        try (ActivityBlockParts parts = new ActivityBlockParts(c)) {
            rewrite(newest.id(), List.of(parts.requests(newest.id()), block));
        }
        return true;
    }

    private static boolean sameDay(long firstNanos, long lastNanos) {
        return Math.floorDiv(firstNanos, DAY_NANOS) == Math.floorDiv(lastNanos, DAY_NANOS);
    }

    /** Replaces block {@code id} with the requests of {@code blocks}, in order. */
    private void rewrite(long id, List<ActivityBlock> blocks) throws SQLException {
        ActivityBatch batch = new ActivityBatch();
        for (ActivityBlock b : blocks) {
            for (int i = 0; i < b.size; i++) {
                batch.add(b.record(i));
            }
        }
        ActivityBlock merged = batch.block();
        try (PreparedStatement ps = c.prepareStatement("UPDATE activity_block SET first_at = ?, last_at = ?, requests = ?, blocked = ?, format = 2 WHERE id = ?")) {
            bindSpan(ps, merged);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
        writeParts(id, merged, true);
    }

    /**
     * Merges small blocks (from `check --record` before small writes were merged) into the block
     * before them by id, when in one UTC day and they fit in one block, a run at a time:
     * with no other block between them, every request keeps its order. Looks at up to
     * {@code maxBlocks} blocks after id {@code after}; returns where the next call starts, or -1 when done.
     */
    public long mergeSmallBlocks(long after, int maxBlocks) throws SQLException {
        List<BlockRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, first_at, last_at, requests, blocked FROM activity_block "
                + "WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY")) {
            ps.setLong(1, after);
            ps.setInt(2, maxBlocks);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(blockRow(rs));
                }
            }
        }
        if (rows.isEmpty()) {
            return -1;
        }
        int lastRun = 0;
        try (ActivityBlockParts parts = new ActivityBlockParts(c)) {
            for (int start = 0; start < rows.size(); ) {
                lastRun = start;
                BlockRow first = rows.get(start);
                int end = start + 1;
                long requests = first.requests();
                long firstNanos = first.firstNanos();
                long lastNanos = first.lastNanos();
                while (end < rows.size()) {
                    BlockRow next = rows.get(end);
                    long f = Math.min(firstNanos, next.firstNanos());
                    long l = Math.max(lastNanos, next.lastNanos());
                    if (next.requests() >= MERGE_BELOW || requests + next.requests() > MAX_BLOCK || !sameDay(f, l)) {
                        break;
                    }
                    requests += next.requests();
                    firstNanos = f;
                    lastNanos = l;
                    end++;
                }
                if (end - start > 1) {
                    List<ActivityBlock> run = new ArrayList<>();
                    for (BlockRow b : rows.subList(start, end)) {
                        run.add(parts.requests(b.id()));
                    }
                    for (BlockRow b : rows.subList(start + 1, end)) {
                        deleteBlock(b.id());
                    }
                    rewrite(first.id(), run);
                }
                start = end;
            }
        }
        if (rows.size() < maxBlocks) {
            return -1;
        }
        // The last run may go on past this chunk: the next call starts at its first block (when
        // that is the chunk's first, the run merged at least two blocks, so the calls end).
        return rows.size() > 1 ? rows.get(lastRun).id() - 1 : rows.get(0).id();
    }

    /**
     * Rewrites up to {@code max} blocks still in format 1 (V7) in format 2, oldest first, so
     * searches read only what they need there too; returns how many (0: none left).
     */
    public int upgradeBlocks(int max) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM activity_block WHERE format = 1 ORDER BY id FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        try (ActivityBlockParts parts = new ActivityBlockParts(c)) {
            for (long id : ids) {
                rewrite(id, List.of(parts.requests(id)));
            }
        }
        return ids.size();
    }

    private static long[] span(ActivityBlock block) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long n : block.nanos()) {
            first = Math.min(first, n);
            last = Math.max(last, n);
        }
        return new long[] {first, last};
    }

    private static void bindSpan(PreparedStatement ps, ActivityBlock block) throws SQLException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int blocked = 0;
        long[] nanos = block.nanos();
        boolean[] verdicts = block.blocked();
        for (int i = 0; i < block.size; i++) {
            first = Math.min(first, nanos[i]);
            last = Math.max(last, nanos[i]);
            blocked += verdicts[i] ? 1 : 0;
        }
        Sql.setInstant(ps, 1, ActivityBlock.instant(first));
        Sql.setInstant(ps, 2, ActivityBlock.instant(last));
        ps.setInt(3, block.size);
        ps.setInt(4, blocked);
    }

    /** The requests, their sketch and their tally. */
    private void writeParts(long id, ActivityBlock block, boolean replace) throws SQLException {
        byte[][] parts = new byte[Part.values().length][];
        parts[Part.REQUESTS.number] = block.encode();
        parts[Part.SKETCH.number] = ActivitySketch.of(block);
        parts[Part.TALLY.number] = ActivityTally.of(block, Long.MIN_VALUE, Long.MAX_VALUE).encode();
        String sql = replace ? "UPDATE activity_block_part SET bytes = ? WHERE part = ? AND block_id = ?"
                : "INSERT INTO activity_block_part (bytes, part, block_id) VALUES (?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Part p : Part.values()) {
                ps.setBytes(1, parts[p.number]);
                ps.setInt(2, p.number);
                ps.setLong(3, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Matching records, newest first (equal times: the later written first). */
    public List<ActivityRecord> search(ActivityQuery q) throws SQLException {
        long wanted = Math.min(Integer.MAX_VALUE - 1L, q.offset() + q.limit());
        if (q.limit() <= 0) {
            return List.of();
        }
        ActivitySearchFilter filter = new ActivitySearchFilter(q.from(), q.to(), q.verdict(), q.identityType(), q.identityValue(), q.policy(), q.category(),
                q.domainSuffix());
        record Hit(long nanos, long place, ActivityRecord record) {
        }
        Comparator<Hit> oldestFirst = Comparator.comparingLong(Hit::nanos).thenComparingLong(Hit::place);
        PriorityQueue<Hit> page = new PriorityQueue<>(oldestFirst);
        try (ActivityBlockParts parts = new ActivityBlockParts(c)) {
            for (BlockRow b : blocks(q.from(), q.to(), true)) {
                if (page.size() >= wanted && b.lastNanos() < page.peek().nanos()) {
                    break;
                }
                if (!filter.mayMatch(b, parts)) {
                    continue;
                }
                ActivityBlock block = parts.requests(b.id());
                if (!filter.prepare(block)) {
                    continue;
                }
                // Newest last in a block written from a log: backwards, the page fills first and the rest is turned away unread.
                for (int i = block.size - 1; i >= 0; i--) {
                    if (!filter.test(block, i)) {
                        continue;
                    }
                    long place = (b.id() << INDEX_BITS) | i;
                    if (page.size() >= wanted) {
                        Hit oldest = page.peek();
                        long t = block.nanosAt(i);
                        if (t < oldest.nanos() || (t == oldest.nanos() && place < oldest.place())) {
                            continue;
                        }
                        page.poll();
                    }
                    page.add(new Hit(block.nanosAt(i), place, block.record(i)));
                }
            }
        }
        List<Hit> newestFirst = new ArrayList<>(page);
        newestFirst.sort(oldestFirst.reversed());
        return newestFirst.stream().skip(q.offset()).map(Hit::record).toList();
    }

    /** Receives records with their place in the store, which orders records of equal time. */
    @FunctionalInterface
    public interface PlacedSink {
        void accept(long place, ActivityRecord record);
    }

    /**
     * Streams the allowed requests that {@code policy} decided in the range, block by block (not
     * in time order: {@code place} with the time orders them), for a what-if re-evaluation.
     */
    public void forEachAllowed(String policy, Instant from, Instant to, PlacedSink sink) throws SQLException {
        ActivitySearchFilter filter = new ActivitySearchFilter(Optional.of(from), Optional.of(to), Optional.of(Verdict.ALLOWED), Optional.empty(), Optional.empty(),
                Optional.of(policy), Optional.empty(), Optional.empty());
        try (ActivityBlockParts parts = new ActivityBlockParts(c)) {
            for (BlockRow b : blocks(Optional.of(from), Optional.of(to), false)) {
                if (!filter.mayMatch(b, parts)) {
                    continue;
                }
                ActivityBlock block = parts.requests(b.id());
                if (!filter.prepare(block)) {
                    continue;
                }
                for (int i = 0; i < block.size; i++) {
                    if (filter.test(block, i)) {
                        sink.accept((b.id() << INDEX_BITS) | i, block.record(i));
                    }
                }
            }
        }
    }

    /**
     * The report's counts over [from, to): the stored tallies of the blocks inside the range,
     * plus a count of the requests in range of the blocks that straddle its ends.
     */
    public ActivityTally tally(Instant from, Instant to) throws SQLException {
        return tally(from, to, true);
    }

    /** The same counts from every request in the range, ignoring the stored tallies: what they must equal. */
    public ActivityTally recount(Instant from, Instant to) throws SQLException {
        return tally(from, to, false);
    }

    private ActivityTally tally(Instant from, Instant to, boolean useStored) throws SQLException {
        long fromNanos = ActivityBlock.nanos(from);
        long toNanos = ActivityBlock.nanos(to);
        ActivityTally total = new ActivityTally();
        try (ActivityBlockParts parts = new ActivityBlockParts(c)) {
            for (BlockRow b : blocks(Optional.of(from), Optional.of(to), false)) {
                if (useStored && b.firstNanos() >= fromNanos && b.lastNanos() < toNanos) {
                    total.merge(ActivityTally.decode(parts.bytes(b.id(), Part.TALLY)));
                    continue;
                }
                total.merge(ActivityTally.of(parts.requests(b.id()), fromNanos, toNanos));
            }
        }
        return total;
    }

    /**
     * Deletes the requests older than {@code before} from up to {@code maxBlocks} blocks: blocks
     * wholly older go, a block that straddles the time is rewritten with the rest (keeping its
     * id, so the order of equal times stays). Returns how many requests went; 0 when none are left.
     */
    public long deleteOlderThan(Instant before, int maxBlocks) throws SQLException {
        long beforeNanos = ActivityBlock.nanos(before);
        List<BlockRow> old = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, first_at, last_at, requests, blocked FROM activity_block "
                + "WHERE first_at < ? ORDER BY first_at, id FETCH FIRST ? ROWS ONLY")) {
            Sql.setInstant(ps, 1, before);
            ps.setInt(2, maxBlocks);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    old.add(blockRow(rs));
                }
            }
        }
        long deleted = 0;
        try (ActivityBlockParts parts = new ActivityBlockParts(c)) {
            for (BlockRow b : old) {
                if (b.lastNanos() < beforeNanos) {
                    deleteBlock(b.id());
                    deleted += b.requests();
                    continue;
                }
                ActivityBlock block = parts.requests(b.id());
                List<ActivityRecord> rest = new ArrayList<>();
                for (int i = 0; i < block.size; i++) {
                    if (block.nanos()[i] >= beforeNanos) {
                        rest.add(block.record(i));
                    }
                }
                ActivityBlock kept = ActivityBlock.of(rest);
                try (PreparedStatement ps = c.prepareStatement("UPDATE activity_block SET first_at = ?, last_at = ?, requests = ?, blocked = ?, format = 2 WHERE id = ?")) {
                    bindSpan(ps, kept);
                    ps.setLong(5, b.id());
                    ps.executeUpdate();
                }
                writeParts(b.id(), kept, true);
                deleted += block.size - kept.size;
            }
        }
        return deleted;
    }

    /** Whether any request is older than {@code before}. */
    public boolean anyOlderThan(Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM activity_block WHERE first_at < ? FETCH FIRST 1 ROWS ONLY")) {
            Sql.setInstant(ps, 1, before);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void deleteBlock(long id) throws SQLException {
        try (PreparedStatement parts = c.prepareStatement("DELETE FROM activity_block_part WHERE block_id = ?");
             PreparedStatement block = c.prepareStatement("DELETE FROM activity_block WHERE id = ?")) {
            parts.setLong(1, id);
            parts.executeUpdate();
            block.setLong(1, id);
            block.executeUpdate();
        }
    }

    public long count() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(requests), 0) FROM activity_block"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Moves up to {@code max} requests of the per-request table of stores written before V7 into
     * a block, oldest id first, and deletes them there; returns how many moved (0: none left).
     * Two processes upgrading at once: the one whose delete finds fewer rows than it read lost
     * the race and retries its transaction (SQLState 40001).
     */
    public int moveLegacyRows(int max) throws SQLException {
        List<ActivityRecord> records = new ArrayList<>();
        long firstId = 0;
        long lastId = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, occurred_at, identity_type, identity_value, client, domain, query_type, "
                + "verdict, policy, categories, list_name, entry, source FROM activity ORDER BY id FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(1, Math.min(max, MAX_BLOCK));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lastId = rs.getLong("id");
                    if (records.isEmpty()) {
                        firstId = lastId;
                    }
                    records.add(legacyRecord(rs));
                }
            }
        }
        if (records.isEmpty()) {
            return 0;
        }
        try (PreparedStatement cat = c.prepareStatement("DELETE FROM activity_category WHERE activity_id BETWEEN ? AND ?");
             PreparedStatement rows = c.prepareStatement("DELETE FROM activity WHERE id BETWEEN ? AND ?")) {
            cat.setLong(1, firstId);
            cat.setLong(2, lastId);
            cat.executeUpdate();
            rows.setLong(1, firstId);
            rows.setLong(2, lastId);
            if (rows.executeUpdate() != records.size()) {
                throw new SQLException("another process is moving the same activity rows", "40001");
            }
        }
        insert(records);
        return records.size();
    }

    private static ActivityRecord legacyRecord(ResultSet rs) throws SQLException {
        String type = rs.getString("identity_type");
        String value = rs.getString("identity_value");
        Optional<Identity> identity = type == null || value == null ? Optional.empty()
                : Optional.of(new Identity(IdentityType.fromLabel(type), value));
        String categories = rs.getString("categories");
        String list = rs.getString("list_name");
        String entry = rs.getString("entry");
        return new ActivityRecord(Sql.getInstant(rs, "occurred_at"), identity, Optional.ofNullable(rs.getString("client")),
                new DomainName(rs.getString("domain")), rs.getString("query_type"),
                Verdict.valueOf(rs.getString("verdict").toUpperCase(Locale.ROOT)), rs.getString("policy"),
                categories.isEmpty() ? List.of() : Arrays.asList(categories.split(ActivityBlock.CATEGORY_SEPARATOR)),
                list == null ? Optional.empty() : Optional.of(new Decision.Match(list, entry == null ? "" : entry)),
                rs.getString("source"));
    }

    /** Blocks overlapping the range, newest (by last request) or oldest (by first request) first. */
    private List<BlockRow> blocks(Optional<Instant> from, Optional<Instant> to, boolean newestFirst) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, first_at, last_at, requests, blocked FROM activity_block");
        List<Instant> params = new ArrayList<>();
        from.ifPresent(t -> {
            sql.append(" WHERE last_at >= ?");
            params.add(t);
        });
        to.ifPresent(t -> {
            sql.append(params.isEmpty() ? " WHERE" : " AND").append(" first_at < ?");
            params.add(t);
        });
        sql.append(newestFirst ? " ORDER BY last_at DESC, id DESC" : " ORDER BY first_at, id");
        List<BlockRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                Sql.setInstant(ps, i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(blockRow(rs));
                }
            }
        }
        return out;
    }

    private static BlockRow blockRow(ResultSet rs) throws SQLException {
        return new BlockRow(rs.getLong("id"), ActivityBlock.nanos(Sql.getInstant(rs, "first_at")),
                ActivityBlock.nanos(Sql.getInstant(rs, "last_at")), rs.getInt("requests"), rs.getInt("blocked"));
    }
}
