package io.kizuna.api.journey;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The customer entered stage {@code to} of journey model {@code model} (at {@code modelVersion}), coming from
 * {@code from} (null: its first stage in the model). {@code at} is business time; {@code recordedAt} when the
 * platform decided. {@code causeKind} is {@value #TOUCHPOINT} (the touchpoint with {@code causeMessageId}),
 * {@value #DEADLINE} (an inactivity rule fired) or {@value #REEVALUATION} (the model changed).
 */
@Revision("1")
public record JourneyStageEntered(
        String customerId,
        String model,
        int modelVersion,
        String from,
        String to,
        Instant at,
        String causeKind,
        String causeMessageId,
        Instant recordedAt) {

    public static final String TOUCHPOINT = "touchpoint";
    public static final String DEADLINE = "deadline";
    public static final String REEVALUATION = "reevaluation";
}
