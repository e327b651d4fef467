package io.kizuna.command.source;

import io.kizuna.api.source.SourceCreated;
import io.kizuna.api.source.SourceDetails;
import io.kizuna.api.source.SourceRevoked;
import io.kizuna.api.source.WriteKeyIssued;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reads a source or a write key straight from its own event stream: a handful of events, always current, and
 * independent of any view (the intake must not accept a revoked key because a view lags).
 */
final class SourceStreams {

    private final EventStore events;

    SourceStreams(EventStore events) {
        this.events = events;
    }

    Optional<SourceDetails> source(String sourceId) {
        DomainEventStream stream = events.readEvents(sourceId);
        SourceDetails details = null;
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof SourceCreated created) {
                details = new SourceDetails(created.sourceId(), created.name(), created.createdAt(), null);
            } else if (payload instanceof SourceRevoked revoked && details != null) {
                details = new SourceDetails(details.id(), details.name(), details.createdAt(), revoked.revokedAt());
            }
        }
        return Optional.ofNullable(details);
    }

    /** The source a write key was issued to, if any (revoked or not). */
    Optional<String> ownerOfKey(String keyHash) {
        DomainEventStream stream = events.readEvents(keyHash);
        String sourceId = null;
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof WriteKeyIssued issued) {
                sourceId = issued.sourceId();
            }
        }
        return Optional.ofNullable(sourceId);
    }
}
