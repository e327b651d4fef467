package io.kizuna.api.customer;

import io.kizuna.api.identity.Identifier;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets traits (attributes such as name or plan) of a customer; a trait given as {@code null} is removed. The
 * customer is created if it does not exist yet. Answers with a {@link TraitsUpdateResult}.
 */
public record UpdateTraits(
        @TargetAggregateIdentifier String customerId, Identifier identifier, Map<String, Object> traits) {}
