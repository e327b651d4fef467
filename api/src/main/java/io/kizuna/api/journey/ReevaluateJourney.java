package io.kizuna.api.journey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Re-evaluates a customer's stage in {@code model} under {@code version}. A customer already evaluated under that
 * version (or a later one) is left as it is, so the command can be repeated safely.
 */
public record ReevaluateJourney(@TargetAggregateIdentifier String customerId, String model, int version) {}
