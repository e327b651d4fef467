package io.kizuna.api.journey;

import java.time.Instant;

/** One entry in a customer's stage history, as readers see it. */
public record StageTransition(
        String customerId,
        String model,
        int modelVersion,
        String from,
        String to,
        Instant at,
        String causeKind,
        String causeMessageId,
        Instant recordedAt) {

    public static StageTransition of(JourneyStageEntered e) {
        return new StageTransition(
                e.customerId(),
                e.model(),
                e.modelVersion(),
                e.from(),
                e.to(),
                e.at(),
                e.causeKind(),
                e.causeMessageId(),
                e.recordedAt());
    }
}
