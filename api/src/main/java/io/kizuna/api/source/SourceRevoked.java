package io.kizuna.api.source;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A source's write key is refused from now on. */
@Revision("1")
public record SourceRevoked(String sourceId, Instant revokedAt) {}
