package io.kizuna.api.merge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turns a customer into a redirect to {@code survivorId}. Answers with the absorbed customer's merge facts. */
public record MarkMerged(@TargetAggregateIdentifier String absorbedId, String survivorId, MergeCause cause) {}
