package io.kizuna.api.source;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A source was created; its write key is known here only by its SHA-256 (hex). */
@Revision("1")
public record SourceCreated(String sourceId, String name, String writeKeyHash, Instant createdAt) {}
