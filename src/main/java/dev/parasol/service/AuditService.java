package dev.parasol.service;

import dev.parasol.store.AuditQuery;
import dev.parasol.store.AuditRecord;
import dev.parasol.store.Store;
import java.util.List;

public final class AuditService {
    private final Store store;

    public AuditService(Store store) {
        this.store = store;
    }

    public List<AuditRecord> search(AuditQuery query) {
        return store.read(tx -> tx.audit().search(query));
    }
}
