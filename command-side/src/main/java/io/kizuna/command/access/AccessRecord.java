package io.kizuna.command.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.access.HistoryAccessed;
import io.kizuna.api.access.RecordAccess;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One read of customer history, recorded for auditors. Each read is an aggregate of its own with a random id and
 * exactly one event, so recording never contends with other readers and a record, once stored, is never changed:
 * a second {@link RecordAccess} with the same id is refused by the event store.
 */
@Aggregate
public class AccessRecord {

    private static final Set<String> OUTCOMES = Set.of(HistoryAccessed.OK, HistoryAccessed.ERROR);

    @AggregateIdentifier
    private String accessId;

    protected AccessRecord() {
        // for Axon
    }

    @CommandHandler
    public AccessRecord(RecordAccess command) {
        require(command.accessId() != null && !command.accessId().isBlank(), "accessId is required");
        require(command.actor() != null && !command.actor().isBlank(), "actor is required");
        require(command.operation() != null && !command.operation().isBlank(), "operation is required");
        require(OUTCOMES.contains(command.outcome()), "outcome must be one of " + OUTCOMES);
        require(command.at() != null, "at is required");
        apply(new HistoryAccessed(
                command.accessId(),
                command.actor(),
                command.operation(),
                command.customerId(),
                command.arguments() == null ? Map.of() : Map.copyOf(command.arguments()),
                command.outcome(),
                command.at()));
    }

    @EventSourcingHandler
    void on(HistoryAccessed event) {
        accessId = event.accessId();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
