package io.kizuna.api.job;

import java.time.Instant;

/**
 * Progress of a background job over the whole event store (a view rebuild, a verification of every history).
 * {@code state}: RUNNING, DONE or FAILED; {@code done}/{@code total} count events or customers as the kind says;
 * rate and ETA are null until known. {@code outcome} is a short result for a person (e.g. how many histories failed
 * verification), null while running.
 */
public record JobProgress(
        String id,
        String kind,
        String state,
        long done,
        long total,
        Double ratePerSecond,
        Double etaSeconds,
        Instant startedAt,
        Instant finishedAt,
        String outcome) {}
