package io.kizuna.api.segment;

import java.time.Instant;

/**
 * Progress of evaluating every customer against a new or changed segment. {@code state} is PENDING (no node has
 * started it yet), RUNNING, DONE or FAILED; {@code done} and {@code total} count customers (members found and
 * members who no longer match); {@code etaSeconds} is null until a rate is known.
 */
public record SegmentEvaluation(
        String segmentId,
        int version,
        String state,
        long done,
        long total,
        double ratePerSecond,
        Double etaSeconds,
        Instant startedAt,
        Instant finishedAt,
        String error) {}
