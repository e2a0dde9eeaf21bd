package dev.parasol.service;

import dev.parasol.policy.Integration;
import dev.parasol.store.EventRepository.ReceivedEvent;
import dev.parasol.store.Store;
import java.util.List;

/** What TIPs sent to the receiver, as they sent it. */
public final class EventService {
    private final Store store;

    public EventService(Store store) {
        this.store = store;
    }

    public List<ReceivedEvent> latest(String integration, int limit, long offset) {
        return store.read(tx -> {
            Integration i = IntegrationService.find(tx, integration);
            return tx.events().latest(i.id(), limit, offset);
        });
    }
}
