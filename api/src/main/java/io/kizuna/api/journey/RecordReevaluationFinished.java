package io.kizuna.api.journey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Notes in the catalog that every customer has been re-evaluated under a model version. */
public record RecordReevaluationFinished(
        @TargetAggregateIdentifier String catalogId, String model, int version, long customers) {}
