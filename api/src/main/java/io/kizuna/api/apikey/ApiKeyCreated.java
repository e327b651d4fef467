package io.kizuna.api.apikey;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An API key was created; its secret is known here only by its SHA-256 (hex). */
@Revision("1")
public record ApiKeyCreated(String keyId, String name, Role role, String keyHash, Instant createdAt) {}
