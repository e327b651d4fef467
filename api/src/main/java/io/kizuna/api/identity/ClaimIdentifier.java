package io.kizuna.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Claims an identifier for a customer. The claim is keyed by {@code claimId}, a keyed hash of the normalised
 * identifier (never the value itself). If the identifier is unclaimed, {@code candidateCustomerId} becomes its
 * owner; either way the handler answers with the owning customer's id.
 */
public record ClaimIdentifier(
        @TargetAggregateIdentifier String claimId, String identifierType, String candidateCustomerId) {}
