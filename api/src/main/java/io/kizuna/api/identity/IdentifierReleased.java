package io.kizuna.api.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The identifier no longer belongs to {@code customerId}, which was forgotten; it may be claimed anew. */
@Revision("1")
public record IdentifierReleased(String claimId, String customerId, Instant releasedAt) {}
