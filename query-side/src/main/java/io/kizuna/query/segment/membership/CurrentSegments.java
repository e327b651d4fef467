package io.kizuna.query.segment.membership;

import io.kizuna.api.segment.Segment;
import io.kizuna.api.segment.rule.SegmentRule;
import io.kizuna.api.segment.rule.SegmentRules;
import io.kizuna.query.segment.catalog.SegmentCatalogReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The latest version of every segment with its rule read, for evaluation: the catalog as {@link SegmentCatalogReader}
 * folds it from the event store (one small read of new catalog events per call, so every node sees a segment defined
 * on any other), each version's rule parsed once.
 */
@Component
public class CurrentSegments {

    /** A segment at its latest version, and its rule as read from the text form. */
    public record Evaluable(String id, int version, SegmentRule rule) {

        public boolean dependsOnTime() {
            return SegmentRules.dependsOnTime(rule);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CurrentSegments.class);

    private final SegmentCatalogReader catalog;
    /** The version of each segment whose rule was read last (also when it could not be read: it is not tried again). */
    private final Map<String, Integer> readVersions = new HashMap<>();
    /** The segments whose latest rule could be read. */
    private final Map<String, Evaluable> read = new HashMap<>();

    public CurrentSegments(SegmentCatalogReader catalog) {
        this.catalog = catalog;
    }

    /** Every segment at its latest version, in the order they were first defined; empty when none is defined. */
    public synchronized List<Evaluable> segments() {
        List<Evaluable> segments = new ArrayList<>();
        for (Segment segment : catalog.segments()) {
            Integer known = readVersions.get(segment.id());
            if (known == null || known != segment.version()) {
                readVersions.put(segment.id(), segment.version());
                Evaluable evaluable = read(segment);
                if (evaluable == null) {
                    read.remove(segment.id());
                } else {
                    read.put(segment.id(), evaluable);
                }
            }
            Evaluable evaluable = read.get(segment.id());
            if (evaluable != null) {
                segments.add(evaluable);
            }
        }
        return segments;
    }

    private static Evaluable read(Segment segment) {
        try {
            return new Evaluable(
                    segment.id(),
                    segment.version(),
                    SegmentRules.parse(segment.definition().rule()));
        } catch (RuntimeException e) {
            // the catalog validates rules before storing them: this is a rule this version of the platform cannot read
            log.warn(
                    "Segment {} version {} is not evaluated: its rule cannot be read", segment.id(), segment.version());
            return null;
        }
    }
}
