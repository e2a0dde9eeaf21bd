package dev.parasol.intake;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.intake.format.Format;
import dev.parasol.intake.format.FormatDetector;
import dev.parasol.intake.format.FormatParser;
import dev.parasol.intake.format.IndicatorSink;
import dev.parasol.intake.format.InvalidFormatException;
import dev.parasol.intake.format.MispParser;
import dev.parasol.intake.format.TextCheck;
import dev.parasol.policy.Integration;
import dev.parasol.service.Actor;
import dev.parasol.service.AuditWriter;
import dev.parasol.service.IntegrationService;
import dev.parasol.store.AuditedNames;
import dev.parasol.store.DeletedEntryRepository;
import dev.parasol.store.FeedSourceRepository;
import dev.parasol.store.FeedSourceRepository.FeedGeneration;
import dev.parasol.store.ListRepository;
import dev.parasol.store.ListRepository.Carry;
import dev.parasol.store.ListRepository.StoredEntry;
import dev.parasol.store.Store;
import dev.parasol.store.Tx;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.policy.DomainName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * The intake pipeline that files, stdin, URLs and the HTTP receiver all feed: detect the
 * format, parse, validate each value, add the accepted names to an integration's destination
 * list as that integration's account, and keep every rejection with its reason.
 *
 * <p>Two phases keep memory bounded and the store consistent. First the input is streamed
 * through its parser and the validator into a {@link SortedSpool} (rejections go to a spool
 * file and to the listener as they are met). Then one transaction walks the sorted,
 * duplicate-free names in batches: one index range scan per batch finds which names the list
 * holds, the new ones are inserted as one JDBC batch in key order, the known ones refreshed.
 * An import lands whole or not at all; a retry after a lock conflict merges the spool again.
 */
public final class ImportService {
    static final int BATCH = 5_000;
    static final int SMALL_BATCH = 1_000;
    /** Names held in memory at once while spooling (about 40 MB of strings). */
    static final int RUN_SIZE = 250_000;
    /** How many added names the audit record lists; the count is always exact. */
    public static final int AUDITED_NAMES = 1_000;
    static final int DETECT_BYTES = 64 * 1024;
    private static final int MAX_STORED_VALUE = 500;
    /** The source the receiver's entries and rejections are recorded under. */
    public static final String RECEIVER_SOURCE = "http";

    private final Store store;
    private final Clock clock;
    private final Path spoolDir;

    public ImportService(Store store, Clock clock, Path spoolDir) {
        this.store = store;
        this.clock = clock;
        this.spoolDir = spoolDir;
    }

    /**
     * Imports one input. {@code fileName} (a file or URL path) helps format detection;
     * {@code sourceName} is how the source is named in messages, entries and rejections.
     */
    public ImportReport importIndicators(Actor runBy, String integrationName, String sourceName, Optional<String> fileName,
                                         InputStream raw, ImportOptions options, ImportListener listener) {
        return importIndicators(runBy, integrationName, sourceName, fileName, raw, options, listener, (tx, integration, at) -> {
        });
    }

    /** Work that must commit with the import, or not at all (the receiver keeps the events it accepted). */
    @FunctionalInterface
    public interface AlongsideImport {
        void run(Tx tx, Integration integration, Instant at) throws SQLException;
    }

    public ImportReport importIndicators(Actor runBy, String integrationName, String sourceName, Optional<String> fileName,
                                         InputStream raw, ImportOptions options, ImportListener listener, AlongsideImport alongside) {
        Set<String> extraSafeguards = store.read(tx -> tx.safeguards().all());
        return run(runBy, integrationName, sourceName, extraSafeguards, options, listener, alongside, sink -> {
            try (InputStream in = decompressed(new BufferedInputStream(new CountingInputStream(raw, listener::progress), 1 << 16))) {
                Format format = options.format().orElseGet(() -> detect(in, fileName, sourceName));
                FormatParser parser = format == Format.MISP ? new MispParser(options.ignoreToIds()) : FormatDetector.parserFor(format);
                parser.parse(in, sink);
                return format;
            }
        });
    }

    /**
     * Well-formed requests of Enforcement-API events for one integration, written in one
     * transaction (the receiver's group commit), each through the same validation, safeguards
     * and rejection records as {@code import}: the accepted names are stored, each refused event
     * is kept with its reason (`parasol rejected`, line = its place in its request), each
     * request is kept as sent beside which of its events were refused (`parasol events`), and
     * each gets its own audit record, as if it had come alone. They land together or not at all.
     */
    public List<EventRequest.Outcome> receiveEvents(Actor account, String integrationName, List<EventRequest> requests) {
        Integration integration = store.read(tx -> IntegrationService.findEnabled(tx, integrationName));
        // Requests hold a few hundred names: the imported safeguards that could match them are
        // looked up, rather than loading all of them (a top-1m list) for every request.
        Set<String> candidates = new HashSet<>();
        for (EventRequest request : requests) {
            for (JsonNode e : request.events()) {
                candidates.addAll(DomainName.parse(e.get("dstDomain").asText()).selfAndParents());
            }
        }
        IndicatorValidator validator = new IndicatorValidator(store.read(tx -> tx.safeguards().among(candidates)));
        ImportOptions options = new ImportOptions(Optional.of(Format.EVENTS), false, false, false, true);
        List<OneRequest> prepared = new ArrayList<>(requests.size());
        try {
            for (EventRequest request : requests) {
                String requestId = UUID.randomUUID().toString();
                Map<Integer, String> refused = new TreeMap<>();
                ImportListener collect = new ImportListener() {
                    @Override
                    public void rejected(Rejection rejection) {
                        refused.put((int) rejection.line(), rejection.reason());
                    }

                    @Override
                    public void warning(String message) {
                    }
                };
                Prepared p = prepare(RECEIVER_SOURCE, validator, options, collect, sink -> {
                    request.emit(sink);
                    return Format.EVENTS;
                });
                prepared.add(new OneRequest(p, request, requestId, refused));
            }
            return store.inTransaction(tx -> {
                List<EventRequest.Outcome> outcomes = new ArrayList<>(prepared.size());
                for (OneRequest r : prepared) {
                    AlongsideImport keepEvents = (t, i, at) -> t.events().insert(i.id(), at, r.requestId(), r.request().json(), r.refused());
                    ImportReport report = writeIn(tx, account, integration, RECEIVER_SOURCE, Optional.of(r.requestId()), r.prepared(),
                            options, keepEvents);
                    outcomes.add(new EventRequest.Outcome(r.requestId(), report, Map.copyOf(r.refused())));
                }
                return outcomes;
            });
        } finally {
            prepared.forEach(r -> r.prepared().close());
        }
    }

    private record OneRequest(Prepared prepared, EventRequest request, String requestId, Map<Integer, String> refused) {
    }

    /** Where one import's candidate values come from; returns the format they were read as. */
    @FunctionalInterface
    private interface Intake {
        Format read(IndicatorSink sink) throws IOException;
    }

    private ImportReport run(Actor runBy, String integrationName, String sourceName, Set<String> extraSafeguards, ImportOptions options,
                             ImportListener listener, AlongsideImport alongside, Intake intake) {
        Integration integration = store.read(tx -> IntegrationService.findEnabled(tx, integrationName));
        try (Prepared p = prepare(sourceName, new IndicatorValidator(extraSafeguards), options, listener, intake)) {
            return store.inTransaction(tx -> writeIn(tx, runBy, integration, sourceName, Optional.empty(), p, options, alongside));
        }
    }

    /** One input read, validated and spooled, ready to be written; {@link #close} removes its spools. */
    private static final class Prepared implements AutoCloseable {
        final SortedSpool spool;
        final Path rejectionFile;
        final ImportListener listener;
        Parsed parsed;

        Prepared(SortedSpool spool, Path rejectionFile, ImportListener listener) {
            this.spool = spool;
            this.rejectionFile = rejectionFile;
            this.listener = listener;
        }

        @Override
        public void close() {
            spool.close();
            deleteQuietly(rejectionFile);
        }
    }

    private Prepared prepare(String sourceName, IndicatorValidator validator, ImportOptions options, ImportListener listener,
                             Intake intake) {
        Prepared p = new Prepared(new SortedSpool(spoolDir, RUN_SIZE), spoolDir.resolve("parasol-rejected-" + UUID.randomUUID() + ".tsv"),
                listener);
        try {
            p.parsed = parse(sourceName, intake, validator, options, p.spool, p.rejectionFile, listener);
            p.spool.finish();
            listener.checkpoint();
            return p;
        } catch (IOException e) {
            p.close();
            throw new ParasolException(ExitCode.FAILURE, "cannot read " + sourceName + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    /** gzip is recognised by its magic bytes, whatever the file is called. */
    static InputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    static Format detect(InputStream in, Optional<String> fileName) {
        return detect(in, fileName, fileName.orElse("the input"));
    }

    /** Detects the format; an input that is not text is refused whole (an explicit format skips both). */
    static Format detect(InputStream in, Optional<String> fileName, String sourceName) {
        try {
            in.mark(DETECT_BYTES);
            byte[] head = in.readNBytes(DETECT_BYTES);
            in.reset();
            Optional<String> notText = TextCheck.whyNotText(head);
            if (notText.isPresent()) {
                throw new InvalidFormatException(sourceName + ": " + notText.get() + "; nothing imported (--format FORMAT reads it anyway)");
            }
            return FormatDetector.detect(head, fileName.map(n -> n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n));
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot read the input: " + e.getMessage(), e);
        }
    }

    private record Parsed(String format, long values, Map<String, Long> rejectedByReason) {
    }

    private static Parsed parse(String sourceName, Intake intake, IndicatorValidator validator, ImportOptions options,
                                SortedSpool spool, Path rejectionFile, ImportListener listener) throws IOException {
        long[] values = {0};
        Map<String, Long> byReason = new TreeMap<>();
        // The rejection spool is created on the first rejection: most HTTP requests have none.
        LazyWriter rejected = new LazyWriter(rejectionFile);
        try (rejected) {
            IndicatorSink sink = new IndicatorSink() {
                @Override
                public void indicator(String value, long line, boolean disableSafeguards) {
                    values[0]++;
                    IndicatorValidator.Outcome outcome = validator.validate(value, disableSafeguards || options.disableSafeguards());
                    if (outcome.accepted()) {
                        try {
                            spool.add(outcome.name().value());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    } else {
                        rejected(line, value, outcome.reason());
                    }
                }

                @Override
                public void rejected(long line, String input, String reason) {
                    if (input.isEmpty() && reason.isEmpty()) {
                        return;
                    }
                    byReason.merge(IndicatorValidator.reasonKind(reason), 1L, Long::sum);
                    try {
                        rejected.write(line + "\t" + oneLine(reason) + "\t" + oneLine(truncate(input)) + "\n");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    listener.rejected(new Rejection(sourceName, line, input, reason));
                }

                @Override
                public void warning(String message) {
                    listener.warning(message);
                }
            };
            Format format;
            try {
                format = intake.read(sink);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            return new Parsed(format.label(), values[0], byReason);
        }
    }

    /** Writes one prepared input in {@code tx}; re-run whole when the store retries the transaction. */
    private ImportReport writeIn(Tx tx, Actor runBy, Integration checked, String sourceName, Optional<String> request,
                                 Prepared prepared, ImportOptions options, AlongsideImport alongside) throws SQLException {
        ImportListener listener = prepared.listener;
        Actor account = runBy.as(checked.accountName());
        boolean dryRun = options.dryRun();
        SortedSpool spool = prepared.spool;
        Parsed parsed = prepared.parsed;
        Path rejectionFile = prepared.rejectionFile;
        Integration integration = IntegrationService.findEnabled(tx, checked.name());
        long listId = integration.listId().orElseThrow();
        ListRepository lists = tx.lists();
        DeletedEntryRepository deleted = tx.deletedEntries();
        FeedSourceRepository feeds = tx.feedSources();
        Instant now = clock.instant();
        // A whole feed carries the sightings of the entries it keeps sending (V4__bulk_import.sql):
        // sent again unchanged, it rewrites no entry. A piece of a feed (an HTTP request) would
        // make every entry it does not repeat look dropped, so it refreshes its entries one by one.
        Optional<FeedGeneration> feed = dryRun || options.partOfFeed()
                ? Optional.empty() : Optional.of(feeds.nextFeedGeneration(listId, sourceName, now));
        Optional<Carry> carry = feed.map(f -> new Carry(f.sourceId(), f.generation()));
        long carriedSource = feed.map(FeedGeneration::sourceId).orElse(-1L);
        long added = 0;
        long refreshed = 0;
        long stillCarried = 0;
        long duplicates;
        List<String> reAdded = new ArrayList<>();
        List<String> audited = new ArrayList<>();
        AuditedNames touched = new AuditedNames();
        try (SortedSpool.Merged names = spool.merge()) {
            List<String> batch = new ArrayList<>(BATCH);
            while (names.hasNext()) {
                batch.add(names.next());
                if (batch.size() == BATCH || !names.hasNext()) {
                    listener.checkpoint();
                    String first = batch.get(0);
                    String last = batch.get(batch.size() - 1);
                    Map<String, StoredEntry> stored = storedOf(lists, listId, batch);
                    List<String> fresh = new ArrayList<>(batch.size());
                    List<Long> toRefresh = new ArrayList<>();
                    for (String d : batch) {
                        StoredEntry entry = stored.get(d);
                        if (entry == null) {
                            fresh.add(d);
                        } else if (entry.carriedBy() == carriedSource) {
                            stillCarried++;
                        } else {
                            toRefresh.add(entry.id());
                        }
                    }
                    Set<String> deletedBefore = fresh.isEmpty() ? Set.of() : deleted.deletedInRange(listId, first, last);
                    for (String d : fresh) {
                        if (deletedBefore.contains(d)) {
                            reAdded.add(d);
                        }
                    }
                    if (!dryRun) {
                        lists.insertEntries(listId, fresh, now, account.user(), account.origin(), sourceName, carry);
                        lists.refreshEntries(toRefresh, now, sourceName, carry);
                    }
                    added += fresh.size();
                    refreshed += batch.size() - fresh.size();
                    for (int i = 0; i < fresh.size() && audited.size() < AUDITED_NAMES; i++) {
                        audited.add(fresh.get(i));
                    }
                    if (!dryRun) {
                        touched.add(batch);
                    }
                    batch.clear();
                }
            }
            duplicates = names.duplicates();
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot read the import spool: " + e.getMessage(), e);
        }
        if (feed.isPresent()) {
            FeedGeneration f = feed.get();
            if (stillCarried < f.carriedBefore()) {
                dropCarriedNotSentAgain(lists, listId, f, sourceName, spool);
            }
            feeds.setCarriedEntries(f.sourceId(), added + refreshed);
        }
        if (!dryRun) {
            alongside.run(tx, integration, now);
            storeRejections(tx, integration.id(), sourceName, rejectionFile, now);
            for (String d : reAdded) {
                deleted.forgetDeleted(listId, d);
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("list", integration.listName());
                after.put("domain", d);
                after.put("reAdded", true);
                after.put("source", sourceName);
                AuditWriter.record(tx, now, account, AuditWriter.CREATE, "destination-list-entry",
                        integration.listName() + ": " + d + " (re-added)", null, after);
            }
            if (added > 0 || refreshed > 0) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("source", sourceName);
                request.ifPresent(id -> after.put("request", id));
                after.put("format", parsed.format());
                after.put("runBy", runBy.user());
                after.put("added", added);
                after.put("reAdded", reAdded.size());
                after.put("refreshed", refreshed);
                after.put("rejected", parsed.rejectedByReason());
                after.put("domains", audited);
                if (added > audited.size()) {
                    after.put("domainsTruncated", true);
                }
                long id = AuditWriter.record(tx, now, account, AuditWriter.UPDATE, "destination-list", integration.listName(),
                        null, after);
                tx.audit().appendNames(id, touched);
            }
        }
        listener.checkpoint(); // the last moment to abandon it: the commit follows
        return new ImportReport(integration.name(), integration.listName(), sourceName, parsed.format(), dryRun,
                parsed.values(), added, reAdded.size(), refreshed, duplicates, parsed.rejectedByReason());
    }

    /**
     * What the list holds of a sorted batch. A full batch covers a narrow key range: one range
     * scan. A short one (a small file, an HTTP request) spreads over the whole list: probe by name.
     */
    private static Map<String, StoredEntry> storedOf(ListRepository lists, long listId, List<String> batch) throws SQLException {
        return batch.size() < SMALL_BATCH
                ? lists.entriesNamed(listId, batch)
                : lists.entriesInRange(listId, batch.get(0), batch.get(batch.size() - 1));
    }

    /**
     * Entries the source carried that this import did not send again: a merge of the import's
     * sorted names with the carried entries in name order finds them, and they get plain values
     * as of the source's previous import.
     */
    private static void dropCarriedNotSentAgain(ListRepository lists, long listId, FeedGeneration feed, String sourceName,
                                                SortedSpool spool) throws SQLException {
        Instant lastSeen = feed.previousSeenAt().orElseThrow();
        // Ids only (8 bytes a dropped entry): the rows stream while they are read, and are
        // written back once the scan is done.
        java.util.stream.LongStream.Builder dropped = java.util.stream.LongStream.builder();
        try (SortedSpool.Merged names = spool.merge()) {
            String[] sent = {names.hasNext() ? names.next() : null};
            lists.forEachCarried(listId, feed.sourceId(), (id, name) -> {
                while (sent[0] != null && sent[0].compareTo(name) < 0) {
                    sent[0] = names.hasNext() ? names.next() : null;
                }
                if (!name.equals(sent[0])) {
                    dropped.add(id);
                }
            });
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot read the import spool: " + e.getMessage(), e);
        }
        long[] ids = dropped.build().toArray();
        for (int from = 0; from < ids.length; from += BATCH) {
            List<Long> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(ids.length, from + BATCH); i++) {
                batch.add(ids[i]);
            }
            lists.dropCarry(batch, feed.generation() - 1, lastSeen, sourceName);
        }
    }

    /** A file writer that creates its file on the first write. */
    private static final class LazyWriter implements AutoCloseable {
        private final Path path;
        private BufferedWriter writer;

        LazyWriter(Path path) {
            this.path = path;
        }

        void write(String s) throws IOException {
            if (writer == null) {
                // A value from JSON may hold a lone surrogate ("\\ud800"): written as '?', not an error.
                writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
            }
            writer.write(s);
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }

    private static void storeRejections(Tx tx, long integrationId, String sourceName, Path rejectionFile, Instant now)
            throws SQLException {
        if (!Files.exists(rejectionFile)) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(rejectionFile, StandardCharsets.UTF_8)) {
            List<String[]> batch = new ArrayList<>(BATCH);
            String line;
            while ((line = r.readLine()) != null) {
                batch.add(line.split("\t", 3));
                if (batch.size() == BATCH) {
                    tx.rejections().insert(integrationId, sourceName, now, batch);
                    batch.clear();
                }
            }
            tx.rejections().insert(integrationId, sourceName, now, batch);
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot read the rejection spool: " + e.getMessage(), e);
        }
    }

    private static String truncate(String s) {
        if (s.length() <= MAX_STORED_VALUE) {
            return s;
        }
        int end = MAX_STORED_VALUE - 3;
        // Never cut a surrogate pair in two: half a character cannot be written as UTF-8.
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "...";
    }

    private static String oneLine(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // A leftover temp file is harmless.
            }
        }
    }
}
