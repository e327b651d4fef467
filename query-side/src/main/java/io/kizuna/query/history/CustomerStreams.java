package io.kizuna.query.history;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerMergedInto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Customers' streams read from the event store, upcast and with their global positions. {@link Reader} keeps what
 * it read, so one question reads each stream once however often merges name it.
 */
@Component
class CustomerStreams {

    private final EventStore eventStore;
    private final EventPositions positions;

    CustomerStreams(EventStore eventStore, EventPositions positions) {
        this.eventStore = eventStore;
        this.positions = positions;
    }

    /** A reader for one question. */
    Reader reader() {
        return new Reader();
    }

    final class Reader {

        private final Map<String, List<StoredEvent>> streams = new HashMap<>();

        /**
         * The customer's own stream in sequence order; empty when the store holds no customer with this id (no
         * stream, or the stream of something else, such as an identifier claim or an account).
         */
        List<StoredEvent> own(String customerId) {
            return streams.computeIfAbsent(customerId, CustomerStreams.this::read);
        }

        /**
         * The customer's stream and, for each customer it absorbed (directly or through customers it absorbed), that
         * customer's stream up to and including its merge, marked absorbed. In no particular order.
         */
        List<StoredEvent> withAbsorbed(String customerId) {
            List<StoredEvent> events = new ArrayList<>();
            collect(customerId, false, new HashSet<>(), events);
            return events;
        }

        private void collect(String customerId, boolean absorbed, Set<String> seen, List<StoredEvent> events) {
            if (!seen.add(customerId)) {
                return;
            }
            for (StoredEvent event : own(customerId)) {
                events.add(absorbed ? event.asAbsorbed() : event);
                if (event.payload() instanceof CustomerAbsorbed e) {
                    collect(e.absorbedId(), true, seen, events);
                }
                if (absorbed && event.payload() instanceof CustomerMergedInto) {
                    break; // frozen from here on: nothing after its merge belongs to the survivor's history
                }
            }
        }
    }

    private List<StoredEvent> read(String customerId) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        // from sequence 0: readEvents(id) alone starts at the latest snapshot
        DomainEventStream stream = eventStore.readEvents(customerId, 0);
        while (stream.hasNext()) {
            messages.add(stream.next());
        }
        if (messages.isEmpty() || !(messages.get(0).getPayload() instanceof CustomerRegistered)) {
            return List.of();
        }
        // read after the events, so that every event read has its position (events are only ever added)
        Map<String, EventPositions.Stored> stored = positions.of(customerId);
        List<StoredEvent> events = new ArrayList<>(messages.size());
        for (DomainEventMessage<?> message : messages) {
            EventPositions.Stored at = stored.get(message.getIdentifier());
            events.add(new StoredEvent(
                    customerId,
                    message.getSequenceNumber(),
                    at == null ? -1 : at.position(),
                    message.getIdentifier(),
                    message.getPayload(),
                    at == null ? null : at.revision(),
                    message.getTimestamp(),
                    message.getMetaData(),
                    false));
        }
        return List.copyOf(events);
    }
}
