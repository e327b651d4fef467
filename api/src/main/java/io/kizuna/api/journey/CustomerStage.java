package io.kizuna.api.journey;

import java.time.Instant;

/** A customer's current stage in one journey model. */
public record CustomerStage(String model, String stage, Instant enteredAt) {}
