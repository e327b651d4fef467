package io.kizuna.api.merge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records on a customer that a merge with {@code otherCustomerId} was refused, and why. */
public record RecordMergeRefusal(
        @TargetAggregateIdentifier String customerId, String otherCustomerId, String reason, MergeCause cause) {}
