package dev.parasol.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The names one audited change touched (a bulk import, a receiver request), gathered batch by
 * sorted batch while it is written, and stored beside its audit record by
 * {@link AuditRepository#appendNames}: every name stays searchable, however long the import.
 * Held front-coded, about 10 bytes a name.
 */
public final class AuditedNames {
    record Block(String first, String last, byte[] names) {
    }

    private final List<Block> blocks = new ArrayList<>();
    private String last;

    /** Adds names in strictly increasing order, all above those added before. */
    public void add(List<String> sorted) {
        if (sorted.isEmpty()) {
            return;
        }
        if (last != null && last.compareTo(sorted.get(0)) >= 0) {
            throw new IllegalArgumentException("audited names out of order: '" + last + "' before '" + sorted.get(0) + "'");
        }
        last = sorted.get(sorted.size() - 1);
        blocks.add(new Block(sorted.get(0), last, RunNames.encode(sorted)));
    }

    List<Block> blocks() {
        return blocks;
    }
}
