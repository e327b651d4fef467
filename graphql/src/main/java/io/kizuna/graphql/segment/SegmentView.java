package io.kizuna.graphql.segment;

import io.kizuna.api.segment.Segment;
import io.kizuna.api.segment.SegmentDefinition;
import java.time.Instant;

/** A segment as the GraphQL type {@code Segment} shows it: the stored version flattened. */
public record SegmentView(
        String id, String name, String description, String rule, int version, boolean builtIn, Instant definedAt) {

    static SegmentView of(Segment segment) {
        SegmentDefinition d = segment.definition();
        return new SegmentView(
                d.id(), d.name(), d.description(), d.rule(), segment.version(), segment.builtIn(), segment.definedAt());
    }
}
