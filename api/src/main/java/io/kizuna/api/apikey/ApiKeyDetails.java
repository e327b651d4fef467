package io.kizuna.api.apikey;

import java.time.Instant;

/** An API key as its owners see it: never its secret, nor its hash. {@code revokedAt} is null while active. */
public record ApiKeyDetails(String id, String name, Role role, Instant createdAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
