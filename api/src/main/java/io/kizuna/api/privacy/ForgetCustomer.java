package io.kizuna.api.privacy;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records on one customer that it is forgotten (its data key must already be destroyed). Answers with the time it was
 * forgotten; forgetting a forgotten customer changes nothing and answers with the first time.
 */
public record ForgetCustomer(@TargetAggregateIdentifier String customerId, String reason) {}
