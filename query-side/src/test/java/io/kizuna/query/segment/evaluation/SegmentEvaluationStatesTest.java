package io.kizuna.query.segment.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.segment.FindSegmentEvaluation;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefined;
import io.kizuna.api.segment.SegmentDefinition;
import io.kizuna.api.segment.SegmentEvaluation;
import io.kizuna.api.segment.SegmentEvaluationFinished;
import io.kizuna.query.segment.catalog.SegmentCatalogReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code Segment.evaluation} says from the catalog alone: a version the catalog records as evaluated is DONE
 * (so a restart does not evaluate it again), a later version is PENDING until a node starts it.
 */
class SegmentEvaluationStatesTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private EmbeddedEventStore eventStore;
    private SegmentCatalogReader catalog;
    private SegmentEvaluations evaluations;
    private long sequence;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        catalog = new SegmentCatalogReader(eventStore);
        evaluations = new SegmentEvaluations(
                null,
                eventStore,
                catalog,
                null,
                null,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new SegmentEvaluationProperties(
                        Duration.ofSeconds(2),
                        8,
                        500,
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(60)));
    }

    private void store(Object payload) {
        eventStore.publish(
                new GenericDomainEventMessage<>("SegmentDefinitions", SegmentCatalog.ID, sequence++, payload));
    }

    private void defined(String id, int version, String rule) {
        store(new SegmentDefined(SegmentCatalog.ID, new SegmentDefinition(id, id, null, rule), version, false, NOW));
    }

    private void finished(String id, int version, long customers) {
        store(new SegmentEvaluationFinished(SegmentCatalog.ID, id, version, customers, 3, NOW, NOW.plusSeconds(9)));
    }

    private SegmentEvaluation evaluation(String id) {
        return evaluations.handle(new FindSegmentEvaluation(id));
    }

    @Test
    void aVersionTheCatalogRecordsEvaluatedIsDone() {
        defined("buyers", 1, "touchpoints(type: purchase) >= 1");
        finished("buyers", 1, 42);

        SegmentEvaluation done = evaluation("buyers");

        assertThat(done.state()).isEqualTo("DONE");
        assertThat(done.version()).isEqualTo(1);
        assertThat(done.done()).isEqualTo(42);
        assertThat(done.total()).isEqualTo(42);
        assertThat(done.finishedAt()).isEqualTo(NOW.plusSeconds(9));
    }

    @Test
    void aNewerVersionIsPendingUntilANodeEvaluatesIt() {
        defined("buyers", 1, "touchpoints(type: purchase) >= 1");
        finished("buyers", 1, 42);
        defined("buyers", 2, "touchpoints(type: purchase) >= 2");

        SegmentEvaluation pending = evaluation("buyers");

        assertThat(pending.state()).isEqualTo("PENDING");
        assertThat(pending.version()).isEqualTo(2);
        assertThat(catalog.evaluated("buyers").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void anUnknownSegmentHasNoEvaluation() {
        defined("buyers", 1, "touchpoints(type: purchase) >= 1");

        assertThat(evaluation("nobody")).isNull();
    }

    @Test
    void theCatalogKeepsEveryVersion() {
        defined("buyers", 1, "touchpoints(type: purchase) >= 1");
        defined("buyers", 2, "touchpoints(type: purchase) >= 2");

        assertThat(catalog.latest("buyers").orElseThrow().version()).isEqualTo(2);
        assertThat(catalog.version("buyers", 1).orElseThrow().definition().rule())
                .isEqualTo("touchpoints(type: purchase) >= 1");
        assertThat(catalog.segments()).hasSize(1);
    }
}
