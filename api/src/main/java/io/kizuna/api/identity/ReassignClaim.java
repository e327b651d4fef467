package io.kizuna.api.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves an identifier's claim from a merged-away customer to its survivor (only if {@code fromCustomerId} owns it). */
public record ReassignClaim(@TargetAggregateIdentifier String claimId, String fromCustomerId, String toCustomerId) {}
