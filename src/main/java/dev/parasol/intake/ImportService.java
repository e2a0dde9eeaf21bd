package dev.parasol.intake;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Integration;
import dev.parasol.policy.InvalidDomainException;
import dev.parasol.service.Actor;
import dev.parasol.service.AuditWriter;
import dev.parasol.service.IntegrationService;
import dev.parasol.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The intake pipeline: reads indicators, normalises and validates each one, and adds the
 * accepted names to an integration's destination list as that integration's account.
 *
 * <p>Two phases keep memory bounded and the store consistent. First the input is streamed
 * through validation into a {@link SortedSpool} (rejections are reported as they are met).
 * Then one transaction walks the sorted, duplicate-free names in batches: for each batch one
 * index range scan finds which names the list already holds, the new ones are inserted as one
 * JDBC batch in key order and the known ones get their last-seen time refreshed. An import
 * lands whole or not at all; if a lock conflict forces a retry, the spool is merged again.
 */
public final class ImportService {
    static final int BATCH = 5_000;
    /** Names held in memory at once while spooling (about 40 MB of strings). */
    static final int RUN_SIZE = 250_000;
    /** How many added names the audit record lists; the count is always exact. */
    static final int AUDITED_NAMES = 1_000;

    private final Store store;
    private final Clock clock;
    private final Path spoolDir;

    public ImportService(Store store, Clock clock, Path spoolDir) {
        this.store = store;
        this.clock = clock;
        this.spoolDir = spoolDir;
    }

    /** Plain domains, one a line; blank lines and '#' comments are skipped. */
    public ImportReport importDomains(Actor runBy, String integrationName, String sourceName, InputStream in,
                                      Consumer<Rejection> onRejected) {
        Integration integration = store.read(tx -> IntegrationService.findEnabled(tx, integrationName));
        try (SortedSpool spool = new SortedSpool(spoolDir, RUN_SIZE)) {
            Validated validated = validate(sourceName, in, spool, onRejected);
            return write(runBy, integration.accountName(), integrationName, sourceName, spool, validated);
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot read " + sourceName + ": " + e.getMessage(), e);
        }
    }

    private record Validated(long lines, long rejected) {
    }

    private static Validated validate(String sourceName, InputStream in, SortedSpool spool, Consumer<Rejection> onRejected)
            throws IOException {
        long lines = 0;
        long rejected = 0;
        try (BoundedLineReader reader = new BoundedLineReader(in, BoundedLineReader.DEFAULT_MAX_LENGTH)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                if (reader.lastLineTooLong()) {
                    rejected++;
                    onRejected.accept(new Rejection(sourceName, reader.lineNumber(), line,
                            "line longer than " + reader.maxLength() + " characters"));
                    continue;
                }
                String value = stripComment(line);
                if (value.isEmpty()) {
                    continue;
                }
                try {
                    spool.add(DomainName.parse(value).value());
                } catch (InvalidDomainException e) {
                    rejected++;
                    onRejected.accept(new Rejection(sourceName, reader.lineNumber(), value, e.reason()));
                }
            }
        }
        spool.finish();
        return new Validated(lines, rejected);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    /** Entries and the audit record name the integration's account; the admin who ran it is kept as runBy. */
    private ImportReport write(Actor runBy, String accountName, String integrationName, String sourceName, SortedSpool spool,
                               Validated validated) {
        Actor account = runBy.as(accountName);
        return store.inTransaction(tx -> {
            Integration integration = IntegrationService.findEnabled(tx, integrationName);
            long listId = integration.listId().orElseThrow();
            Instant now = clock.instant();
            long added = 0;
            long alreadyPresent = 0;
            long duplicates;
            List<String> audited = new ArrayList<>();
            try (SortedSpool.Merged names = spool.merge()) {
                List<String> batch = new ArrayList<>(BATCH);
                while (names.hasNext()) {
                    batch.add(names.next());
                    if (batch.size() == BATCH || !names.hasNext()) {
                        Set<String> stored = tx.lists().entriesInRange(listId, batch.get(0), batch.get(batch.size() - 1));
                        List<String> fresh = new ArrayList<>(batch.size());
                        List<String> seenAgain = new ArrayList<>();
                        for (String d : batch) {
                            (stored.contains(d) ? seenAgain : fresh).add(d);
                        }
                        tx.lists().insertEntries(listId, fresh, now, account.user(), account.origin());
                        tx.lists().touchEntries(listId, seenAgain, now);
                        added += fresh.size();
                        alreadyPresent += seenAgain.size();
                        for (int i = 0; i < fresh.size() && audited.size() < AUDITED_NAMES; i++) {
                            audited.add(fresh.get(i));
                        }
                        batch.clear();
                    }
                }
                duplicates = names.duplicates();
            } catch (IOException e) {
                throw new ParasolException(ExitCode.FAILURE, "cannot read the import spool: " + e.getMessage(), e);
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("source", sourceName);
            after.put("runBy", runBy.user());
            after.put("added", added);
            after.put("alreadyPresent", alreadyPresent);
            after.put("rejected", validated.rejected());
            after.put("domains", audited);
            if (added > audited.size()) {
                after.put("domainsTruncated", true);
            }
            if (added > 0 || alreadyPresent > 0) {
                AuditWriter.record(tx, now, account, AuditWriter.UPDATE, "destination-list", integration.listName(), null, after);
            }
            return new ImportReport(integration.name(), integration.listName(), sourceName, validated.lines(), added,
                    alreadyPresent, duplicates, validated.rejected());
        });
    }
}
