package io.kizuna.api.journey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** As {@link ReevaluateJourney}, for an account and a per-account model. */
public record ReevaluateAccountJourney(@TargetAggregateIdentifier String accountId, String model, int version) {}
