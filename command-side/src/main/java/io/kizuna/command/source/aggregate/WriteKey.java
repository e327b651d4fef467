package io.kizuna.command.source.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.source.IssueWriteKey;
import io.kizuna.api.source.WriteKeyIssued;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One write key, keyed by its SHA-256 (hex): the stream that answers "whose key is this?" with one read, without a
 * scan and without a view that could lag. Whether the key is still accepted is its source's business.
 */
@Aggregate
public class WriteKey {

    @AggregateIdentifier
    private String keyHash;

    protected WriteKey() {
        // for Axon
    }

    @CommandHandler
    public WriteKey(IssueWriteKey command, Clock clock) {
        apply(new WriteKeyIssued(command.keyHash(), command.sourceId(), clock.instant()));
    }

    @EventSourcingHandler
    void on(WriteKeyIssued event) {
        keyHash = event.keyHash();
    }
}
