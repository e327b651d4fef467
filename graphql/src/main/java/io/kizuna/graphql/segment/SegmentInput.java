package io.kizuna.graphql.segment;

import io.kizuna.api.segment.SegmentDefinition;

/** The GraphQL input {@code SegmentInput}. */
public record SegmentInput(String id, String name, String description, String rule) {

    SegmentDefinition definition() {
        return new SegmentDefinition(id, name, description, rule);
    }
}
