package dev.parasol.cli.lists;

import dev.parasol.ParasolException;
import dev.parasol.cli.TimeSpec;
import dev.parasol.store.EntryQuery;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Search and paging over list entries. */
public final class PagingOptions {
    @Option(names = "--search", paramLabel = "TEXT", description = "Only entries containing TEXT.")
    String search;

    @Option(names = "--since", paramLabel = "TIME", description = "Only entries added since TIME (2026-11-01, 24h, 7d, ...).")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Entries per page (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page number, from 1 (default: ${DEFAULT-VALUE}).")
    int page;

    @Option(names = "--all", description = "Every matching entry, no paging.")
    boolean all;

    int page() {
        return page;
    }

    long offset() {
        return all ? 0 : (long) (page - 1) * limit;
    }

    EntryQuery query(Clock clock) {
        if (limit < 1 || page < 1) {
            throw ParasolException.usage("--limit and --page must be 1 or more");
        }
        return new EntryQuery(Optional.ofNullable(search).filter(s -> !s.isBlank()),
                Optional.ofNullable(since).map(s -> TimeSpec.parse(s, clock)),
                all ? Integer.MAX_VALUE : limit, offset());
    }
}
