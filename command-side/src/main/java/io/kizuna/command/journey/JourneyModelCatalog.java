package io.kizuna.command.journey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.journey.DefineJourneyModel;
import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefined;
import io.kizuna.api.journey.JourneyReevaluationFinished;
import io.kizuna.api.journey.RecordReevaluationFinished;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Every journey model and its versions, as one aggregate: it guards that definitions are valid, that versions count
 * up by one, and that exactly one model is the default. Defining a model exactly as its latest version is a no-op,
 * so a retried definition stores nothing; a built-in definition never replaces a model that exists.
 */
@Aggregate
public class JourneyModelCatalog {

    @AggregateIdentifier
    private String catalogId;

    private JourneyCatalog catalog = new JourneyCatalog();

    protected JourneyModelCatalog() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public JourneyModel handle(DefineJourneyModel command, Clock clock) {
        if (command.definition() == null) {
            throw new InvalidInputException("input", "a journey model definition is required");
        }
        List<Violation> violations = JourneyModelValidator.validate(command.definition(), catalog);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Optional<JourneyModel> latest = catalog.latest(command.definition().id());
        if (latest.isPresent()
                && (command.builtIn() || latest.get().definition().equals(command.definition()))) {
            return latest.get();
        }
        int version = latest.map(m -> m.version() + 1).orElse(1);
        apply(new JourneyModelDefined(
                command.catalogId(), command.definition(), version, command.builtIn(), clock.instant()));
        return catalog.latest(command.definition().id()).orElseThrow();
    }

    @CommandHandler
    public void handle(RecordReevaluationFinished command, Clock clock) {
        apply(new JourneyReevaluationFinished(
                catalogId, command.model(), command.version(), command.customers(), clock.instant()));
    }

    @EventSourcingHandler
    void on(JourneyModelDefined event, @SequenceNumber long sequence) {
        catalogId = event.catalogId();
        catalog.apply(event, sequence);
    }

    @EventSourcingHandler
    void on(JourneyReevaluationFinished event) {
        // progress bookkeeping for readers; the catalog's decisions do not depend on it
    }
}
