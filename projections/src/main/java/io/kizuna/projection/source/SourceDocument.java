package io.kizuna.projection.source;

import io.kizuna.api.source.SourceDetails;
import java.time.Instant;

/**
 * A source as stored in the sources view. {@code lastSequence} is the sequence number of the last event applied and
 * the document's external version, so a redelivered older event never overwrites a newer state.
 */
public class SourceDocument {

    public String id;
    public String name;
    public Instant createdAt;
    public Instant revokedAt;
    public boolean revoked;
    public long lastSequence = -1;

    public SourceDocument() {
        // for Jackson
    }

    public SourceDetails toDetails() {
        return new SourceDetails(id, name, createdAt, revokedAt);
    }
}
