package io.kizuna.api.segment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Defines a segment, or its next version. Answers with the {@link Segment} stored. Defining it exactly as its latest
 * version stores nothing; a built-in definition never replaces a segment that exists.
 */
public record DefineSegment(
        @TargetAggregateIdentifier String catalogId, SegmentDefinition definition, boolean builtIn) {

    public DefineSegment(SegmentDefinition definition) {
        this(SegmentCatalog.ID, definition, false);
    }
}
