package io.kizuna.projection.customer;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Customer histories read from the event store, for folding absorbed customers into their survivors. */
@Component
public class EventStoreHistory implements ProfileFold.History {

    private final EventStore eventStore;

    public EventStoreHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public List<Entry> of(String customerId) {
        List<Entry> entries = new ArrayList<>();
        // from sequence 0: readEvents(id) alone starts at the latest snapshot, which is no event
        DomainEventStream stream = eventStore.readEvents(customerId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            entries.add(new Entry(event.getPayload(), event.getSequenceNumber()));
        }
        return entries;
    }
}
