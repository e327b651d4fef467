package io.kizuna.api.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An identifier (known here only by its keyed hash and type) now belongs to a customer. */
@Revision("1")
public record IdentifierClaimed(String claimId, String identifierType, String customerId, Instant claimedAt) {}
