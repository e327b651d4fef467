package io.kizuna.api.segment;

import java.time.Instant;

/** A segment at one version, as stored in the segment catalog. */
public record Segment(SegmentDefinition definition, int version, boolean builtIn, Instant definedAt) {

    public String id() {
        return definition.id();
    }
}
