package io.kizuna.api.journey;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The platform met account {@code groupId} (a Segment group) for the first time. */
@Revision("1")
public record AccountRegistered(String accountId, String groupId, Instant registeredAt) {}
