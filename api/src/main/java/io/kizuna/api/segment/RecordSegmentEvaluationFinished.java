package io.kizuna.api.segment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Notes in the segment catalog that every customer has been evaluated against {@code version} of segment
 * {@code segmentId} as of {@code evaluatedAt} ({@code customers} evaluations recorded, {@code members} of them
 * matching), so that a restart does not evaluate it again.
 */
public record RecordSegmentEvaluationFinished(
        @TargetAggregateIdentifier String catalogId,
        String segmentId,
        int version,
        long customers,
        long members,
        Instant evaluatedAt) {}
