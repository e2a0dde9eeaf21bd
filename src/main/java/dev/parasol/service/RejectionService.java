package dev.parasol.service;

import dev.parasol.policy.Integration;
import dev.parasol.store.RejectionRepository.StoredRejection;
import dev.parasol.store.Store;
import java.util.List;
import java.util.Optional;

/** What imports refused, per integration. */
public final class RejectionService {
    private final Store store;

    public RejectionService(Store store) {
        this.store = store;
    }

    public List<StoredRejection> search(String integration, Optional<String> reason, int limit, long offset) {
        return store.read(tx -> {
            Integration i = IntegrationService.find(tx, integration);
            return tx.rejections().search(i.id(), reason, limit, offset);
        });
    }
}
