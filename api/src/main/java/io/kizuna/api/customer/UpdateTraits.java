package io.kizuna.api.customer;

import io.kizuna.api.identity.Identifier;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets traits (attributes such as name or plan) of a customer; a trait given as {@code null} is removed. The
 * customer is created if it does not exist yet and becomes known by {@code identifiers} (already claimed for it).
 * With a {@code messageId}, the update is applied at most once, however often it is resent; with no traits it only
 * links the identifiers. Answers with a {@link TraitsUpdateResult}.
 */
public record UpdateTraits(
        @TargetAggregateIdentifier String customerId,
        List<Identifier> identifiers,
        Map<String, Object> traits,
        String messageId) {}
