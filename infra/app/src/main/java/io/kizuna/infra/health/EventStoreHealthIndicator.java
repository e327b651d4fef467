package io.kizuna.infra.health;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Up when the event store answers; shows the position of the newest event. */
@Component
public class EventStoreHealthIndicator implements HealthIndicator {

    private final EventStore eventStore;

    public EventStoreHealthIndicator(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Health health() {
        TrackingToken head = eventStore.createHeadToken();
        Health.Builder health =
                Health.up().withDetail("store", eventStore.getClass().getSimpleName());
        if (head != null && head.position().isPresent()) {
            health.withDetail("headPosition", head.position().getAsLong());
        } else if (head instanceof GlobalSequenceTrackingToken g) {
            health.withDetail("headPosition", g.getGlobalIndex());
        }
        return health.build();
    }
}
