package io.kizuna.api.source;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The write key with this SHA-256 (hex) belongs to this source. */
@Revision("1")
public record WriteKeyIssued(String keyHash, String sourceId, Instant issuedAt) {}
