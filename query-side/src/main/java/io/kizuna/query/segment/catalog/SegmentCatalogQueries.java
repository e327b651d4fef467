package io.kizuna.query.segment.catalog;

import io.kizuna.api.segment.FindSegment;
import io.kizuna.api.segment.FindSegments;
import io.kizuna.api.segment.Segment;
import io.kizuna.api.segment.SegmentList;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers questions about segment definitions from the catalog's events. */
@Component
public class SegmentCatalogQueries {

    private final SegmentCatalogReader catalog;

    public SegmentCatalogQueries(SegmentCatalogReader catalog) {
        this.catalog = catalog;
    }

    /** The latest version of every segment, in the order they were first defined. */
    @QueryHandler
    public SegmentList handle(FindSegments query) {
        return new SegmentList(catalog.segments());
    }

    /** The latest version of the segment, or null when there is no such segment. */
    @QueryHandler
    public Segment handle(FindSegment query) {
        return query.segmentId() == null
                ? null
                : catalog.latest(query.segmentId()).orElse(null);
    }
}
