package io.kizuna.api.source;

import java.time.Instant;

/** A source as its owners see it; {@code revokedAt} is {@code null} while its write key is accepted. */
public record SourceDetails(String id, String name, Instant createdAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
