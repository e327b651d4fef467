package io.kizuna.api.merge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks a customer for the facts a merge decision needs; changes nothing. Answers with {@link CustomerFacts}; an
 * unknown customer fails.
 */
public record DescribeCustomer(@TargetAggregateIdentifier String customerId) {}
