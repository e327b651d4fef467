package io.kizuna.api.journey;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The account entered stage {@code to} of a per-account journey model; as {@link JourneyStageEntered}, plus
 * {@code causeCustomerId}: whose touchpoint caused it (null for deadlines and re-evaluations).
 */
@Revision("1")
public record AccountStageEntered(
        String accountId,
        String model,
        int modelVersion,
        String from,
        String to,
        Instant at,
        String causeKind,
        String causeMessageId,
        String causeCustomerId,
        Instant recordedAt) {}
