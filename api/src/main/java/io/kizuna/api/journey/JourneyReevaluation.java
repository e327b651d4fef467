package io.kizuna.api.journey;

import java.time.Instant;

/**
 * Progress of re-evaluating every customer under a new version of a model. {@code state} is PENDING, RUNNING, DONE or
 * FAILED; {@code etaSeconds} is null until a rate is known.
 */
public record JourneyReevaluation(
        String model,
        int version,
        String state,
        long done,
        long total,
        double ratePerSecond,
        Double etaSeconds,
        Instant startedAt,
        Instant finishedAt,
        String error) {}
