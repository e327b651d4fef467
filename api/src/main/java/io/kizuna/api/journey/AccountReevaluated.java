package io.kizuna.api.journey;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The account was re-evaluated under {@code version} of {@code model}; its stage stayed {@code stage}. */
@Revision("1")
public record AccountReevaluated(String accountId, String model, int version, String stage, Instant recordedAt) {}
