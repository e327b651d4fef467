package io.kizuna.api.journey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Defines a journey model, or its next version. Answers with the {@link JourneyModel} stored. */
public record DefineJourneyModel(
        @TargetAggregateIdentifier String catalogId, JourneyModelDefinition definition, boolean builtIn) {

    public DefineJourneyModel(JourneyModelDefinition definition) {
        this(JourneyCatalog.ID, definition, false);
    }
}
