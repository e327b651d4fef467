package io.kizuna.query.segment.catalog;

import io.kizuna.api.segment.Segment;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefined;
import io.kizuna.api.segment.SegmentEvaluationFinished;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The segment catalog folded from its stream ({@link SegmentCatalog#ID}) in the event store, kept in memory: every
 * version of every segment, and which versions have been evaluated over every customer. Each {@link #refresh()} reads
 * only the catalog events after the last one folded, so asking costs one small read.
 */
@Component
public class SegmentCatalogReader {

    /** What an evaluation that finished recorded. */
    public record Evaluated(int version, long customers, long members, SegmentEvaluationFinished event) {}

    private final EventStore eventStore;
    private final SegmentCatalog catalog = new SegmentCatalog();
    private final Map<String, List<Segment>> versions = new HashMap<>();
    private final Map<String, Evaluated> evaluated = new HashMap<>();
    private long readUpTo = -1;

    public SegmentCatalogReader(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The latest version of every segment, in the order they were first defined, after reading new events. */
    public List<Segment> segments() {
        refresh();
        return catalog.segments();
    }

    /** The latest version of a segment, after reading new events. */
    public Optional<Segment> latest(String segmentId) {
        refresh();
        return catalog.latest(segmentId);
    }

    /** One version of a segment, as known after the last refresh. */
    public synchronized Optional<Segment> version(String segmentId, int version) {
        return versions.getOrDefault(segmentId, List.of()).stream()
                .filter(s -> s.version() == version)
                .findFirst();
    }

    /** The latest version of the segment whose evaluation over every customer finished, as of the last refresh. */
    public synchronized Optional<Evaluated> evaluated(String segmentId) {
        return Optional.ofNullable(evaluated.get(segmentId));
    }

    /** Reads the catalog events not folded yet. */
    public synchronized void refresh() {
        DomainEventStream stream = eventStore.readEvents(SegmentCatalog.ID, readUpTo + 1);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof SegmentDefined defined) {
                catalog.apply(defined, event.getSequenceNumber());
                versions.computeIfAbsent(defined.definition().id(), id -> new ArrayList<>())
                        .add(new Segment(
                                defined.definition(), defined.version(), defined.builtIn(), defined.definedAt()));
            } else if (event.getPayload() instanceof SegmentEvaluationFinished finished) {
                Evaluated known = evaluated.get(finished.segmentId());
                if (known == null || known.version() <= finished.version()) {
                    evaluated.put(
                            finished.segmentId(),
                            new Evaluated(finished.version(), finished.customers(), finished.members(), finished));
                }
            }
            readUpTo = event.getSequenceNumber();
        }
    }
}
