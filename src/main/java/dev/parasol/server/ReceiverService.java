package dev.parasol.server;

import dev.parasol.policy.Integration;
import dev.parasol.store.ListEntry;
import dev.parasol.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** What the receiver needs from the store beyond the shared services: key lookup and API paging. */
final class ReceiverService {
    private final Store store;

    ReceiverService(Store store) {
        this.store = store;
    }

    /**
     * The integration whose customer key this is. Every stored key is compared, in constant
     * time, so the response time says nothing about how close a guess was.
     */
    Optional<Integration> byCustomerKey(String key) {
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        Integration match = null;
        for (Integration i : store.read(tx -> tx.integrations().all())) {
            if (i.customerKey().isPresent()
                    && MessageDigest.isEqual(i.customerKey().get().getBytes(StandardCharsets.UTF_8), given)) {
                match = i;
            }
        }
        return Optional.ofNullable(match);
    }

    record Page(List<ListEntry> entries, boolean more) {
    }

    Page domains(Integration i, int page, int limit) {
        return store.read(tx -> {
            List<ListEntry> rows = tx.lists().entriesById(i.listId().orElseThrow(), limit + 1, (long) (page - 1) * limit);
            boolean more = rows.size() > limit;
            return new Page(more ? rows.subList(0, limit) : rows, more);
        });
    }

    Optional<String> domainById(Integration i, long id) {
        return store.read(tx -> tx.lists().findEntryById(i.listId().orElseThrow(), id).map(ListEntry::domain));
    }
}
