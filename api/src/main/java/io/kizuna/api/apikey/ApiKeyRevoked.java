package io.kizuna.api.apikey;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An API key was revoked: it is refused from now on, for good. */
@Revision("1")
public record ApiKeyRevoked(String keyId, Instant revokedAt) {}
