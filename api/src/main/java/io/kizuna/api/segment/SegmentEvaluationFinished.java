package io.kizuna.api.segment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Every customer in the profile view was evaluated against {@code version} of segment {@code segmentId} at
 * {@code evaluatedAt} (the fixed "now" of the scan): {@code customers} evaluations recorded, {@code members} of them
 * matching.
 */
@Revision("1")
public record SegmentEvaluationFinished(
        String catalogId,
        String segmentId,
        int version,
        long customers,
        long members,
        Instant evaluatedAt,
        Instant finishedAt) {}
