package io.kizuna.command.source.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.source.CreateSource;
import io.kizuna.api.source.RevokeSource;
import io.kizuna.api.source.SourceCreated;
import io.kizuna.api.source.SourceDetails;
import io.kizuna.api.source.SourceRevoked;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A system that sends data to Kizuna ("web", "pos", "crm", ...), authenticated by its write key. Revocation is
 * final: a revoked source's key is refused for good, and a new source (with a new key) takes its place.
 */
@Aggregate
public class Source {

    @AggregateIdentifier
    private String sourceId;

    private String name;
    private Instant createdAt;
    private Instant revokedAt;

    protected Source() {
        // for Axon
    }

    @CommandHandler
    public Source(CreateSource command, Clock clock) {
        apply(new SourceCreated(command.sourceId(), command.name(), command.writeKeyHash(), clock.instant()));
    }

    @CommandHandler
    public SourceDetails handle(RevokeSource command, Clock clock) {
        if (revokedAt == null) {
            apply(new SourceRevoked(sourceId, clock.instant()));
        }
        return details();
    }

    private SourceDetails details() {
        return new SourceDetails(sourceId, name, createdAt, revokedAt);
    }

    @EventSourcingHandler
    void on(SourceCreated event) {
        sourceId = event.sourceId();
        name = event.name();
        createdAt = event.createdAt();
    }

    @EventSourcingHandler
    void on(SourceRevoked event) {
        revokedAt = event.revokedAt();
    }
}
