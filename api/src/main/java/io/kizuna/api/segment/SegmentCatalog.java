package io.kizuna.api.segment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The segments as the catalog's events define them: the latest version of each, every version kept. A pure fold:
 * the command side and the read side each keep one, from the same events.
 */
public final class SegmentCatalog {

    /** The catalog's aggregate identifier: all segment definitions are one stream. */
    public static final String ID = "segment-catalog";

    private final Map<String, List<Segment>> versions = new LinkedHashMap<>();
    private long lastSequence = -1;

    public synchronized void apply(SegmentDefined event, long sequence) {
        if (sequence <= lastSequence) {
            return;
        }
        Segment segment = new Segment(event.definition(), event.version(), event.builtIn(), event.definedAt());
        versions.computeIfAbsent(segment.id(), id -> new ArrayList<>()).add(segment);
        lastSequence = sequence;
    }

    public synchronized long lastSequence() {
        return lastSequence;
    }

    /** The latest version of every segment, in the order they were first defined. */
    public synchronized List<Segment> segments() {
        return versions.values().stream().map(v -> v.get(v.size() - 1)).toList();
    }

    public synchronized Optional<Segment> latest(String segmentId) {
        List<Segment> all = versions.get(segmentId);
        return all == null ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
