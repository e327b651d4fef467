package io.kizuna.api.segment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A segment was defined at {@code version} (1 for a new segment). */
@Revision("1")
public record SegmentDefined(
        String catalogId, SegmentDefinition definition, int version, boolean builtIn, Instant definedAt) {}
