package io.kizuna.projection.journey;

import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefined;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The journey catalog folded from its stream ({@link JourneyCatalog#ID}) in the event store, kept in memory. It reads
 * only the catalog events after the last one folded: on every {@link #current()}, and on a {@link #version} it does
 * not know yet. A version is immutable once defined, so a transition of a newly defined version always finds its
 * stage order, and a known one costs no read.
 */
@Component
public class JourneyCatalogReader {

    private final EventStore eventStore;
    private final JourneyCatalog catalog = new JourneyCatalog();
    private long readUpTo = -1;

    public JourneyCatalogReader(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The catalog with every model version stored so far. Callers only read it. */
    public JourneyCatalog current() {
        refresh();
        return catalog;
    }

    /** A model at one version; reads the catalog's new events first when that version is not known yet. */
    public Optional<JourneyModel> version(String model, int version) {
        Optional<JourneyModel> known = catalog.version(model, version);
        if (known.isPresent()) {
            return known;
        }
        refresh();
        return catalog.version(model, version);
    }

    private synchronized void refresh() {
        DomainEventStream stream = eventStore.readEvents(JourneyCatalog.ID, readUpTo + 1);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof JourneyModelDefined defined) {
                catalog.apply(defined, event.getSequenceNumber());
            }
            readUpTo = event.getSequenceNumber();
        }
    }
}
