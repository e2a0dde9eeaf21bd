package dev.parasol.report;

import dev.parasol.ParasolException;
import dev.parasol.intake.BoundedLineReader;
import dev.parasol.intake.CountingInputStream;
import dev.parasol.intake.ImportListener;
import dev.parasol.intake.Rejection;
import dev.parasol.policy.Cidr;
import dev.parasol.policy.Decision;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Integration;
import dev.parasol.policy.InvalidDomainException;
import dev.parasol.policy.Policy;
import dev.parasol.policy.Verdict;
import dev.parasol.report.log.BadLogLineException;
import dev.parasol.report.log.LogFormat;
import dev.parasol.report.log.LogQuery;
import dev.parasol.report.log.QueryLogParser;
import dev.parasol.service.DecisionService;
import dev.parasol.service.Names;
import dev.parasol.service.PolicyService;
import dev.parasol.store.ActivityBatch;
import dev.parasol.store.ActivityQuery;
import dev.parasol.store.ActivityRecord;
import dev.parasol.store.ActivityRepository;
import dev.parasol.store.PolicyRepository;
import dev.parasol.store.Store;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

/** Request activity in and out: resolver logs and recorded checks in, searches and pruning out. */
public final class ActivityService {
    /** Requests per transaction, one activity block: large enough for batch speed, small enough for bounded memory. */
    static final int BATCH = ActivityRepository.MAX_BLOCK;
    private static final int DETECT_LINES = 50;
    /**
     * Names remembered with their decisions; past it the cache starts over. A day of the bench's
     * resolver (bench/activity.sh) asks for 270,000 distinct names: 200,000 started over twice a day.
     */
    private static final int MAX_NAMES = 500_000;
    /** Blocks per prune transaction: a few hundred thousand requests at most. */
    private static final int PRUNE_BLOCKS = 8;
    /** Blocks looked at per merge transaction; only small ones are read. */
    private static final int MERGE_SCAN = 100;

    private final Store store;
    private final Clock clock;

    public ActivityService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Reads a query log as a stream, decides every query with the current policies (loaded
     * once) and stores the activity in batches. Rows are committed batch by batch: a log is
     * append-only history, and holding a million rows for one commit would cost the memory the
     * streaming saves.
     */
    public ActivityImportReport importLog(String sourceName, InputStream raw, Optional<LogFormat> format, ZoneId zone,
                                          IdentityMap identities, ImportListener listener) {
        moveLegacyActivity(store);
        try (BoundedLineReader reader = new BoundedLineReader(decompressed(new CountingInputStream(raw, listener::progress)),
                BoundedLineReader.DEFAULT_MAX_LENGTH)) {
            List<String> head = new ArrayList<>();
            String line;
            while (head.size() < DETECT_LINES && (line = reader.readLine()) != null) {
                head.add(reader.lastLineTooLong() ? null : line);
            }
            LogFormat chosen = format.or(() -> LogFormat.detect(head.stream().filter(l -> l != null).toList()))
                    .orElseThrow(() -> ParasolException.usage(sourceName
                            + ": cannot tell the log format from the first lines; give --format bind|unbound|dnsmasq|csv"));
            try (Importer importer = new Importer(sourceName, chosen, chosen.parser(zone, clock), evaluator(identities), listener)) {
                for (int i = 0; i < head.size(); i++) {
                    importer.line(i + 1, head.get(i));
                }
                while ((line = reader.readLine()) != null) {
                    importer.line(reader.lineNumber(), reader.lastLineTooLong() ? null : line);
                }
                importer.finish();
                return importer.report();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One import's running state: the parser, the evaluator, the pending batch and the counts.
     * A full batch is encoded and stored on a thread of its own while the next one is read and
     * decided (one batch in flight: blocks keep the log's order); on two cores that hides most
     * of the writing.
     */
    private final class Importer implements AutoCloseable {
        private final String source;
        private final LogFormat format;
        private final QueryLogParser parser;
        private final ActivityEvaluator evaluator;
        private final ImportListener listener;
        private ActivityBatch batch = new ActivityBatch(BATCH);
        private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "activity-writer");
            t.setDaemon(true);
            return t;
        });
        private Future<Integer> writing;
        private final Map<String, Long> rejectedByReason = new TreeMap<>();
        /** Names as logged, parsed once: the name with its decisions, or the reason it is not a name. */
        private final Map<String, Object> names = new java.util.HashMap<>();
        private long lines;
        private long recorded;
        private long blocked;
        private long skipped;
        private long rejected;

        Importer(String source, LogFormat format, QueryLogParser parser, ActivityEvaluator evaluator, ImportListener listener) {
            this.source = source;
            this.format = format;
            this.parser = parser;
            this.evaluator = evaluator;
            this.listener = listener;
        }

        /** {@code line} is null when it was longer than the reader's limit. */
        void line(long number, String line) {
            lines++;
            if (line == null) {
                reject(number, "", "line longer than " + BoundedLineReader.DEFAULT_MAX_LENGTH + " characters");
                return;
            }
            Optional<LogQuery> query;
            try {
                query = parser.parse(line);
            } catch (BadLogLineException e) {
                reject(number, line, e.getMessage());
                return;
            }
            if (query.isEmpty()) {
                skipped++;
                return;
            }
            Object parsed = names.get(query.get().name());
            if (parsed == null) {
                try {
                    parsed = evaluator.name(DomainName.parse(query.get().name()));
                } catch (InvalidDomainException e) {
                    parsed = e.reason();
                }
                if (names.size() >= MAX_NAMES) {
                    names.clear();
                }
                names.put(query.get().name(), parsed);
            }
            if (!(parsed instanceof ActivityEvaluator.Name name)) {
                reject(number, line, "query name '" + query.get().name() + "': " + parsed);
                return;
            }
            ActivityRecord r = evaluator.evaluate(query.get(), name, format.label());
            if (r.verdict() == Verdict.BLOCKED) {
                blocked++;
            }
            batch.add(r);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        private void reject(long number, String line, String reason) {
            rejected++;
            rejectedByReason.merge(reasonKey(reason), 1L, Long::sum);
            listener.rejected(new Rejection(source, number, line, reason));
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            ActivityBatch full = batch;
            awaitWrite();
            writing = writer.submit(() -> store.inTransaction(tx -> {
                tx.activity().insert(full);
                return full.size();
            }));
            batch = new ActivityBatch(BATCH);
        }

        void finish() {
            flush();
            awaitWrite();
        }

        /** Waits for the batch in flight; its failure is this import's. */
        private void awaitWrite() {
            if (writing == null) {
                return;
            }
            Future<Integer> w = writing;
            writing = null;
            try {
                recorded += uninterruptibly(w);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** A cancelled or failed import still lets the batch in flight finish (kept, as batches before it are) before it returns. */
        @Override
        public void close() {
            try {
                if (writing != null) {
                    uninterruptibly(writing);
                }
            } catch (ExecutionException ignored) {
                // The failure that ended the import is the one to report.
            } finally {
                writer.shutdown();
            }
        }

        ActivityImportReport report() {
            if (recorded == 0 && skipped > 0 && rejected == 0) {
                listener.warning("no queries in " + lines + " line(s); is query logging on, and is this the " + format.label() + " format?");
            }
            return new ActivityImportReport(source, format.label(), lines, recorded, blocked, skipped, rejected, rejectedByReason);
        }
    }

    private static <T> T uninterruptibly(Future<T> f) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reasons carry the offending value; the summary groups by the part before it. */
    private static String reasonKey(String reason) {
        int quote = reason.indexOf('\'');
        String key = quote > 0 ? reason.substring(0, quote).strip() : reason;
        int colon = reason.lastIndexOf(": ");
        if (reason.startsWith("query name") && colon > 0) {
            return "query name: " + reason.substring(colon + 2);
        }
        return key;
    }

    private ActivityEvaluator evaluator(IdentityMap identities) {
        DecisionService.InMemoryPolicies loaded = new DecisionService(store).loadInMemory();
        record Registered(List<Identity> identities, RpzZones zones) {
        }
        Registered registered = store.read(tx -> new Registered(
                tx.policies().allIdentities().stream().map(PolicyRepository.StoredIdentity::identity).toList(),
                new RpzZones(tx.policies().allPolicies(), tx.lists().all())));
        return new ActivityEvaluator(loaded.snapshot(), loaded.membership(), registered.identities(), identities, registered.zones());
    }

    /** Rotated logs are usually gzipped; they are recognised by their magic bytes. */
    private static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
        }
        return buffered;
    }

    /** Records decisions `check --record` made, for the identities the request carried. */
    public void record(List<Identity> requestIdentities, List<Decision> decisions) {
        moveLegacyActivity(store);
        Instant now = clock.instant();
        for (int from = 0; from < decisions.size(); from += BATCH) {
            List<ActivityRecord> batch = decisions.subList(from, Math.min(decisions.size(), from + BATCH)).stream()
                    .map(d -> ActivityEvaluator.of(now, requestIdentities, d, "check")).toList();
            store.inTransaction(tx -> {
                tx.activity().insert(batch);
                return null;
            });
        }
    }

    /**
     * Matching activity, newest first. Categories are enabled integrations: a disabled one is
     * neither searchable nor shown, as in Umbrella.
     */
    public List<ActivityRecord> search(ActivitySearch s) {
        moveLegacyActivity(store);
        return store.read(tx -> {
            List<String> enabled = tx.integrations().all().stream().filter(Integration::enabled).map(Integration::category).toList();
            Optional<String> category = s.category().map(c -> enabled.stream().filter(e -> e.equalsIgnoreCase(c.strip())).findFirst()
                    .orElseThrow(() -> Names.notFound("category (an enabled integration)", c, enabled)));
            Optional<Verdict> verdict = s.verdict().map(ActivityService::verdict);
            Optional<IdentityFilter> identity = s.identity().map(ActivityService::identity);
            Optional<String> domain = s.domain().map(ActivityService::domain);
            List<String> policies = tx.policies().allPolicies().stream().map(Policy::name).toList();
            Optional<String> policy = s.policy().map(p -> policies.stream().filter(n -> n.equalsIgnoreCase(p.strip())).findFirst().orElse(p.strip()));
            ActivityQuery q = new ActivityQuery(category, verdict, identity.flatMap(IdentityFilter::type),
                    identity.map(IdentityFilter::value), domain, policy, s.from(), s.to(), s.limit(), s.offset());
            return tx.activity().search(q).stream().map(r -> onlyEnabled(r, enabled)).toList();
        });
    }

    static ActivityRecord onlyEnabled(ActivityRecord r, List<String> enabledCategories) {
        if (r.categories().isEmpty() || enabledCategories.containsAll(r.categories())) {
            return r;
        }
        return new ActivityRecord(r.time(), r.identity(), r.client(), r.domain(), r.queryType(), r.verdict(), r.policy(),
                r.categories().stream().filter(enabledCategories::contains).toList(), r.matched(), r.source());
    }

    static Verdict verdict(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "allowed", "allow" -> Verdict.ALLOWED;
            case "blocked", "block" -> Verdict.BLOCKED;
            default -> throw ParasolException.usage("--verdict takes 'allowed' or 'blocked'");
        };
    }

    /**
     * An identity to search for: TYPE:VALUE, a network as an address or CIDR block, or a bare
     * value of any type ("laptop-7").
     */
    record IdentityFilter(Optional<String> type, String value) {
    }

    static IdentityFilter identity(String text) {
        String s = text.strip();
        try {
            return new IdentityFilter(Optional.of(IdentityType.NETWORK.label()), Cidr.parse(s).toString());
        } catch (IllegalArgumentException notAnAddress) {
            // Not a network: a typed identity or a bare value.
        }
        if (s.indexOf(':') > 0) {
            Identity i = PolicyService.parseIdentity(s);
            return new IdentityFilter(Optional.of(i.type().label()), i.value());
        }
        if (s.isEmpty()) {
            throw ParasolException.usage("--identity needs a value");
        }
        return new IdentityFilter(Optional.empty(), s.toLowerCase(Locale.ROOT));
    }

    static String domain(String text) {
        try {
            return DomainName.parse(text).value();
        } catch (InvalidDomainException e) {
            throw ParasolException.usage("--domain '" + text + "': " + e.reason());
        }
    }

    /**
     * Deletes activity older than {@code age}, a few blocks a transaction so a big prune does not
     * hold one huge transaction, then merges runs of small blocks and rewrites blocks stored in
     * format 1 in format 2.
     */
    public long prune(java.time.Duration age) {
        moveLegacyActivity(store);
        Instant before = clock.instant().minus(age);
        long total = 0;
        while (store.read(tx -> tx.activity().anyOlderThan(before))) {
            total += store.inTransaction(tx -> tx.activity().deleteOlderThan(before, PRUNE_BLOCKS));
        }
        // Stores fed by check --record before small writes were merged hold a block per command.
        for (long after = 0; after >= 0; ) {
            long from = after;
            after = store.inTransaction(tx -> tx.activity().mergeSmallBlocks(from, MERGE_SCAN));
        }
        while (store.inTransaction(tx -> tx.activity().upgradeBlocks(PRUNE_BLOCKS)) > 0) {
            // Blocks from before format 2 (V9), a few a transaction.
        }
        return total;
    }

    /**
     * Stores written before activity blocks (V7) keep their requests in the per-request table
     * until an activity command moves them, a block a transaction.
     */
    static void moveLegacyActivity(Store store) {
        while (store.inTransaction(tx -> tx.activity().moveLegacyRows(ActivityRepository.MAX_BLOCK)) > 0) {
            // Each round moves one block's worth.
        }
    }
}
