package io.kizuna.command.segment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.segment.DefineSegment;
import io.kizuna.api.segment.RecordSegmentEvaluationFinished;
import io.kizuna.api.segment.Segment;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefined;
import io.kizuna.api.segment.SegmentDefinition;
import io.kizuna.api.segment.SegmentEvaluationFinished;
import io.kizuna.api.validation.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Every segment definition and its versions, as one aggregate ({@link SegmentCatalog#ID}): it guards that
 * definitions are valid (the rule reads, keeps its limits, refers only to segments that exist, and closes no cycle),
 * stores rules in their canonical text form, and counts versions up by one. Defining a segment exactly as its latest
 * version stores nothing, so a retried definition is harmless; a built-in definition never replaces a segment that
 * exists. It also notes when the background evaluation of a version has finished, so a restart resumes only the
 * unfinished ones.
 */
@Aggregate
public class SegmentDefinitions {

    @AggregateIdentifier
    private String catalogId;

    private final SegmentCatalog catalog = new SegmentCatalog();

    protected SegmentDefinitions() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Segment handle(DefineSegment command, Clock clock) {
        if (command.definition() == null) {
            throw new InvalidInputException("input", "a segment definition is required");
        }
        SegmentDefinition definition = SegmentDefinitionValidator.canonical(command.definition(), catalog);
        Optional<Segment> latest = catalog.latest(definition.id());
        if (latest.isPresent()
                && (command.builtIn() || latest.get().definition().equals(definition))) {
            return latest.get();
        }
        int version = latest.map(s -> s.version() + 1).orElse(1);
        apply(new SegmentDefined(command.catalogId(), definition, version, command.builtIn(), clock.instant()));
        return catalog.latest(definition.id()).orElseThrow();
    }

    @CommandHandler
    public void handle(RecordSegmentEvaluationFinished command, Clock clock) {
        if (catalog.latest(command.segmentId()).isEmpty()) {
            throw new IllegalArgumentException("no segment " + command.segmentId());
        }
        Instant now = clock.instant();
        apply(new SegmentEvaluationFinished(
                catalogId,
                command.segmentId(),
                command.version(),
                command.customers(),
                command.members(),
                command.evaluatedAt() == null ? now : command.evaluatedAt(),
                now));
    }

    @EventSourcingHandler
    void on(SegmentDefined event, @SequenceNumber long sequence) {
        catalogId = event.catalogId();
        catalog.apply(event, sequence);
    }

    @EventSourcingHandler
    void on(SegmentEvaluationFinished event) {
        // bookkeeping for the evaluation process; the catalog's decisions do not depend on it
    }
}
