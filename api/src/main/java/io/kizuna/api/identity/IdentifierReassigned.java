package io.kizuna.api.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The identifier now belongs to {@code toCustomerId}, because {@code fromCustomerId} was merged into it. */
@Revision("1")
public record IdentifierReassigned(String claimId, String fromCustomerId, String toCustomerId, Instant reassignedAt) {}
