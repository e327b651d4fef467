package io.kizuna.api.identity;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Frees an identifier's claim if one of {@code customerIds} owns it (erasure): the identifier then belongs to nobody,
 * and the next message naming it makes a new customer. Answers with the owner afterwards (null when free).
 */
public record ReleaseClaim(@TargetAggregateIdentifier String claimId, Set<String> customerIds) {}
