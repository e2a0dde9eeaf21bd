package dev.parasol.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.ExitCode;
import dev.parasol.Json;
import dev.parasol.ParasolException;
import dev.parasol.intake.BoundedLineReader;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.InvalidDomainException;
import dev.parasol.store.Store;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Loads popular-domain lists the intake must never block: Tranco / Umbrella top-1m CSV
 * ({@code rank,domain}), MISP warninglist JSON ({@code {"list":[...]}}), or plain names.
 */
public final class SafeguardService {
    private final Store store;
    private final Clock clock;

    public SafeguardService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public record Loaded(long read, long added, long skipped, long total) {
    }

    public Loaded load(Actor actor, String sourceName, InputStream raw) {
        Set<String> names = new LinkedHashSet<>();
        long[] counts = {0, 0};
        try (BufferedInputStream in = new BufferedInputStream(raw, 1 << 16)) {
            in.mark(1 << 16);
            int first;
            do {
                first = in.read();
            } while (first == ' ' || first == '\n' || first == '\r' || first == '\t' || first == 0xEF || first == 0xBB || first == 0xBF);
            in.reset();
            if (first == '{' || first == '[') {
                JsonNode root = Json.mapper().readTree(in);
                JsonNode list = root.isArray() ? root : root.path("list");
                for (JsonNode n : list) {
                    take(n.asText(""), names, counts);
                }
            } else {
                BoundedLineReader reader = new BoundedLineReader(in, BoundedLineReader.DEFAULT_MAX_LENGTH);
                String line;
                while ((line = reader.readLine()) != null) {
                    String value = line.strip();
                    if (value.isEmpty() || value.startsWith("#")) {
                        continue;
                    }
                    int comma = value.lastIndexOf(',');
                    take(comma >= 0 ? value.substring(comma + 1) : value, names, counts);
                }
            }
        } catch (IOException e) {
            throw new ParasolException(ExitCode.INPUT_REJECTED, sourceName + ": cannot read: " + e.getMessage());
        }
        return store.inTransaction(tx -> {
            long added = tx.safeguards().add(names, sourceName, clock.instant());
            long total = tx.safeguards().count();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("source", sourceName);
            after.put("added", added);
            after.put("total", total);
            AuditWriter.record(tx, clock.instant(), actor, AuditWriter.UPDATE, "safeguard", "popular-domain safeguard", null, after);
            return new Loaded(counts[0], added, counts[1], total);
        });
    }

    private static void take(String value, Set<String> names, long[] counts) {
        counts[0]++;
        String v = value.strip();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() > 1) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith(".")) {
            v = v.substring(1);
        }
        try {
            names.add(DomainName.parse(v).value());
        } catch (InvalidDomainException e) {
            counts[1]++;
        }
    }

    public long count() {
        return store.read(tx -> tx.safeguards().count());
    }
}
