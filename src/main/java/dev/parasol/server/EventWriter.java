package dev.parasol.server;

import dev.parasol.intake.EventRequest;
import dev.parasol.intake.ImportService;
import dev.parasol.policy.Integration;
import dev.parasol.service.Actor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for the receiver. The store takes one writer at a time, so requests that arrive
 * together would each wait for the others' transactions; instead, one writer thread takes every
 * request waiting when it is free and writes each integration's requests in one transaction
 * ({@link ImportService#receiveEvents}). A client is answered only after its transaction
 * committed, so nothing acknowledged is lost; a group that fails fails each of its requests with
 * the same error, and none of it is stored.
 */
final class EventWriter implements AutoCloseable {
    /** Events one transaction takes at most (a group of requests stops growing past it). */
    static final int MAX_GROUP_EVENTS = 5_000;

    private record Pending(Integration integration, EventRequest request, CompletableFuture<EventRequest.Outcome> outcome) {
    }

    private final ImportService imports;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    EventWriter(ImportService imports) {
        this.imports = imports;
        this.writer = new Thread(this::loop, "parasol-receiver-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stores {@code request}; returns once it is committed, or throws what made it fail. */
    EventRequest.Outcome write(Integration integration, EventRequest request) throws InterruptedException {
        Pending p = new Pending(integration, request, new CompletableFuture<>());
        synchronized (this) {
            // Under the lock close() takes: once it has, nothing joins the queue the writer drains.
            if (closed) {
                throw new IllegalStateException("the receiver is stopping");
            }
            queue.add(p);
        }
        try {
            return p.outcome().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        List<Pending> taken = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                queue.drainTo(taken);
                for (List<Pending> group : groups(taken)) {
                    writeGroup(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                // Those written are complete already; this reaches only what an error left unanswered.
                for (Pending p : taken) {
                    p.outcome().completeExceptionally(new IllegalStateException("the receiver stopped before storing the request"));
                }
                taken.clear();
            }
        }
    }

    /** The requests by integration, in arrival order, each group within {@link #MAX_GROUP_EVENTS}. */
    private static List<List<Pending>> groups(List<Pending> taken) {
        Map<Long, List<List<Pending>>> byIntegration = new LinkedHashMap<>();
        Map<Long, Integer> eventsInLast = new HashMap<>();
        for (Pending p : taken) {
            long id = p.integration().id();
            List<List<Pending>> groups = byIntegration.computeIfAbsent(id, k -> new ArrayList<>());
            int events = p.request().events().size();
            int inLast = eventsInLast.getOrDefault(id, 0);
            if (groups.isEmpty() || inLast + events > MAX_GROUP_EVENTS) {
                groups.add(new ArrayList<>());
                inLast = 0;
            }
            groups.get(groups.size() - 1).add(p);
            eventsInLast.put(id, inLast + events);
        }
        List<List<Pending>> all = new ArrayList<>();
        byIntegration.values().forEach(all::addAll);
        return all;
    }

    private void writeGroup(List<Pending> group) {
        Integration i = group.get(0).integration();
        try {
            List<EventRequest> requests = group.stream().map(Pending::request).toList();
            List<EventRequest.Outcome> outcomes = imports.receiveEvents(new Actor(i.accountName(), Actor.HTTP), i.name(), requests);
            for (int n = 0; n < group.size(); n++) {
                group.get(n).outcome().complete(outcomes.get(n));
            }
        } catch (RuntimeException | Error e) {
            group.forEach(p -> p.outcome().completeExceptionally(e));
        }
    }

    /** Writes what is queued, then stops; a request submitted after this is refused. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
