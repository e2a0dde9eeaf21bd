package dev.parasol.intake;

import dev.parasol.ParasolException;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Integration;
import dev.parasol.policy.InvalidDomainException;
import dev.parasol.service.Actor;
import dev.parasol.service.AuditWriter;
import dev.parasol.service.IntegrationService;
import dev.parasol.store.Store;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The intake pipeline: reads indicators, normalises and validates each one, and adds the
 * accepted names to an integration's destination list as that integration's account.
 *
 * <p>Two phases keep memory bounded and the store consistent. First the input is streamed
 * through validation into a spool file (rejections are reported as they are met). Then one
 * transaction reads the spool in sorted batches and writes the list: an import lands whole
 * or not at all, and if a lock conflict forces a retry the spool is simply read again.
 */
public final class ImportService {
    static final int BATCH = 5_000;
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
    public ImportReport importDomains(Actor actor, String integrationName, String sourceName, InputStream in,
                                      Consumer<Rejection> onRejected) {
        Integration integration = store.read(tx -> IntegrationService.findEnabled(tx, integrationName));
        Path spool = null;
        try {
            spool = Files.createTempFile(spoolDir, "import-", ".spool");
            Validated validated = validate(sourceName, in, spool, onRejected);
            return write(actor, integration.accountName(), integrationName, sourceName, spool, validated);
        } catch (IOException e) {
            throw new ParasolException(dev.parasol.ExitCode.FAILURE, "cannot read " + sourceName + ": " + e.getMessage(), e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // A leftover spool file in the temp directory is harmless.
                }
            }
        }
    }

    private record Validated(long lines, long accepted, long rejected) {
    }

    private static Validated validate(String sourceName, InputStream in, Path spool, Consumer<Rejection> onRejected) throws IOException {
        long lines = 0;
        long accepted = 0;
        long rejected = 0;
        try (BoundedLineReader reader = new BoundedLineReader(in, BoundedLineReader.DEFAULT_MAX_LENGTH);
             BufferedWriter out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
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
                    out.write(DomainName.parse(value).value());
                    out.write('\n');
                    accepted++;
                } catch (InvalidDomainException e) {
                    rejected++;
                    onRejected.accept(new Rejection(sourceName, reader.lineNumber(), value, e.reason()));
                }
            }
        }
        return new Validated(lines, accepted, rejected);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    /** Entries and the audit record name the integration's account; the admin who ran it is kept as runBy. */
    private ImportReport write(Actor runBy, String accountName, String integrationName, String sourceName, Path spool,
                               Validated validated) {
        Actor account = runBy.as(accountName);
        return store.inTransaction(tx -> {
            Integration integration = IntegrationService.findEnabled(tx, integrationName);
            long listId = integration.listId().orElseThrow();
            // Microseconds, as the store keeps them, so rows this import wrote are recognisable by time.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            long added = 0;
            long alreadyPresent = 0;
            long duplicates = 0;
            List<String> audited = new ArrayList<>();
            try (BufferedReader r = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
                List<String> batch = new ArrayList<>(BATCH);
                String name;
                boolean more = true;
                while (more) {
                    name = r.readLine();
                    if (name != null) {
                        batch.add(name);
                    } else {
                        more = false;
                    }
                    if (batch.size() == BATCH || (!more && !batch.isEmpty())) {
                        Set<String> unique = new LinkedHashSet<>(batch);
                        duplicates += batch.size() - unique.size();
                        Map<String, Instant> existing = tx.lists().existingAddedAt(listId, unique);
                        List<String> fresh = new ArrayList<>(unique.size());
                        List<String> seenAgain = new ArrayList<>();
                        for (String d : unique) {
                            Instant addedAt = existing.get(d);
                            if (addedAt == null) {
                                fresh.add(d);
                            } else if (addedAt.equals(now)) {
                                duplicates++; // written by an earlier batch of this same import
                            } else {
                                seenAgain.add(d);
                            }
                        }
                        fresh.sort(null);
                        tx.lists().insertEntries(listId, fresh, now, account.user(), account.origin());
                        tx.lists().touchEntries(listId, seenAgain, now);
                        added += fresh.size();
                        alreadyPresent += seenAgain.size();
                        for (String d : fresh) {
                            if (audited.size() < AUDITED_NAMES) {
                                audited.add(d);
                            }
                        }
                        batch.clear();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
                AuditWriter.record(tx, now, account, "update", "destination-list", integration.listName(), null, after);
            }
            return new ImportReport(integration.name(), integration.listName(), sourceName, validated.lines(), added,
                    alreadyPresent, duplicates, validated.rejected());
        });
    }
}
