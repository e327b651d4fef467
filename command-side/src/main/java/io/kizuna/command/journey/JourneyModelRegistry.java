package io.kizuna.command.journey;

import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefined;
import io.kizuna.api.journey.JourneyReevaluationFinished;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The journey models as the catalog's stream defines them, kept in memory for the customer aggregate (which must
 * not read remote state while it decides). Refreshed by reading only the catalog events it has not seen, after a
 * definition on this node and every few seconds for definitions made on other nodes.
 */
@Component
@ProcessingGroup(JourneyModelRegistry.PROCESSING_GROUP)
public class JourneyModelRegistry implements CurrentJourneyModels {

    /** A subscribing processor: a definition made on this node is in force as soon as it is committed. */
    public static final String PROCESSING_GROUP = "journey-models";

    private final EventStore eventStore;
    private final JourneyCatalog catalog = new JourneyCatalog();
    private final Map<String, Integer> reevaluated = new ConcurrentHashMap<>();
    private volatile List<JourneyModel> current = List.of();
    private volatile long lastSequence = -1;

    public JourneyModelRegistry(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The models; the first call reads the catalog (deadlines and requests may come before start-up finishes). */
    @Override
    public List<JourneyModel> all() {
        if (lastSequence < 0) {
            refresh();
        }
        return current;
    }

    @Override
    public JourneyModel atLeast(String modelId, int minVersion) {
        JourneyModel model = JourneyPositions.find(all(), modelId);
        if (model == null || model.version() < minVersion) {
            refresh();
            model = JourneyPositions.find(current, modelId);
        }
        if (model != null && model.version() < minVersion) {
            throw new IllegalStateException(
                    "journey model " + modelId + " version " + minVersion + " is not known on this node yet");
        }
        return model;
    }

    public JourneyCatalog catalog() {
        return catalog;
    }

    /** The latest version of a model whose re-evaluation over every customer has finished (0: none). */
    public int reevaluatedVersion(String model) {
        return reevaluated.getOrDefault(model, 0);
    }

    @EventHandler
    void on(JourneyModelDefined event) {
        CurrentUnitOfWork.ifStarted(unit -> unit.afterCommit(committed -> refresh()));
    }

    /** Reads the catalog events this node has not seen yet. */
    public synchronized void refresh() {
        DomainEventStream stream = eventStore.readEvents(JourneyCatalog.ID, lastSequence + 1);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            if (payload instanceof JourneyModelDefined defined) {
                catalog.apply(defined, message.getSequenceNumber());
            } else if (payload instanceof JourneyReevaluationFinished finished) {
                reevaluated.merge(finished.model(), finished.version(), Math::max);
            }
            lastSequence = message.getSequenceNumber();
        }
        current = catalog.models();
    }
}
