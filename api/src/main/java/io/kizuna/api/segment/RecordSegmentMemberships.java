package io.kizuna.api.segment;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The outcome of evaluating segments for one customer at {@code at}: {@code evaluated} maps each segment evaluated to
 * its version, {@code matching} the ones the customer matched. The customer records an entry for every matched
 * segment it was not in, and an exit for every evaluated one it was in but no longer matches; nothing when nothing
 * changed, so repeating an evaluation is harmless. {@code causeKind}: {@code event} (a change of the customer, the
 * event with {@code causeMessageId} or at {@code causePosition}), {@code time} (a time-relative rule changed its
 * answer), {@code definition} (a segment was defined or changed).
 */
public record RecordSegmentMemberships(
        @TargetAggregateIdentifier String customerId,
        Map<String, Integer> evaluated,
        Set<String> matching,
        String causeKind,
        String causeMessageId,
        Long causePosition,
        Instant at) {}
