package io.kizuna.api.journey;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The customer was re-evaluated under {@code version} of {@code model} and its stage stayed as it was
 * ({@code stage}, null when it has none in the model). A changed stage is recorded as a {@link JourneyStageEntered}
 * with cause {@value JourneyStageEntered#REEVALUATION} instead.
 */
@Revision("1")
public record JourneyReevaluated(String customerId, String model, int version, String stage, Instant recordedAt) {}
