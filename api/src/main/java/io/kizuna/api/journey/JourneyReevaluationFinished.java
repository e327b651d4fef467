package io.kizuna.api.journey;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Every customer known at the time was re-evaluated under {@code version} of {@code model}. */
@Revision("1")
public record JourneyReevaluationFinished(
        String catalogId, String model, int version, long customers, Instant finishedAt) {}
