package io.kizuna.projection.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.SegmentRecheckScheduled;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The segment changes view and the profile's segments, written by the real customer-views projection, through Axon's
 * processor, in a real Elasticsearch: one document per entry or exit, written once, whatever is delivered again.
 */
// the same application as CustomerViewProjectionIT's: a second configuration class in this package would be found by
// both tests' component scans
@SpringBootTest(classes = CustomerViewProjectionIT.TestApplication.class)
class SegmentChangesProjectionIT {

    private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("spring.elasticsearch.uris", () -> TestElasticsearch.url().toString());
        registry.add("kizuna.elasticsearch.index-prefix", () -> PREFIX);
        registry.add("axon.axonserver.enabled", () -> "false");
        registry.add("axon.update-check.disabled", () -> "true");
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    ViewIndexNames names;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    CustomerViewWriter writer;

    private static ElasticsearchClient cleanupClient;

    @AfterAll
    static void dropIndices() throws IOException {
        if (cleanupClient != null) {
            cleanupClient.indices().delete(d -> d.index(PREFIX + "*"));
        }
    }

    private void publish(String customerId, long sequence, Object payload) {
        cleanupClient = client;
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customerId, sequence, payload));
    }

    private ProfileDocument profile(String customerId) throws IOException {
        GetResponse<ProfileDocument> response =
                client.get(g -> g.index(names.alias(ViewIndex.PROFILES)).id(customerId), ProfileDocument.class);
        return response.found() ? response.source() : null;
    }

    private void awaitSequence(String customerId, long sequence) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> profile(customerId) != null && profile(customerId).lastSequence >= sequence);
    }

    private SegmentChangeDocument change(String customerId, long sequence) throws IOException {
        GetResponse<SegmentChangeDocument> response = client.get(
                g -> g.index(names.alias(ViewIndex.SEGMENT_CHANGES))
                        .id(SegmentChangeDocument.idOf(customerId, sequence)),
                SegmentChangeDocument.class);
        return response.found() ? response.source() : null;
    }

    private long changes(String customerId) throws IOException {
        client.indices().refresh(r -> r.index(names.alias(ViewIndex.SEGMENT_CHANGES)));
        return client.count(c -> c.index(names.alias(ViewIndex.SEGMENT_CHANGES))
                        .query(q -> q.term(t -> t.field("customerId").value(customerId))))
                .count();
    }

    private static CustomerEnteredSegment entered(String customerId, String segment, int version, Instant at) {
        return new CustomerEnteredSegment(customerId, segment, version, at, "event", "m-1", 42L);
    }

    private static CustomerLeftSegment left(String customerId, String segment, int version, Instant at) {
        return new CustomerLeftSegment(customerId, segment, version, at, "time", null, null);
    }

    @Test
    void eachEntryAndExitIsADocumentWrittenWithTheProfilesSegments() throws IOException {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        publish(id, 0, new TouchpointRecorded(id, "m-1", "purchase", "store", at, NOW, null, null, Map.of(), null));
        publish(id, 1, entered(id, "vip", 1, at));
        publish(id, 2, entered(id, "frequent_buyers", 2, at.plusSeconds(1)));
        publish(id, 3, new SegmentRecheckScheduled(id, at.plus(Duration.ofDays(60))));
        publish(id, 4, left(id, "vip", 3, at.plus(Duration.ofDays(60))));
        awaitSequence(id, 4);

        assertThat(change(id, 1)).isEqualTo(new SegmentChangeDocument("vip", id, 1, at, 1, "event", "m-1", 42L, 1));
        assertThat(change(id, 2).delta()).isEqualTo(1);
        assertThat(change(id, 2).segmentId()).isEqualTo("frequent_buyers");
        assertThat(change(id, 4))
                .isEqualTo(new SegmentChangeDocument(
                        "vip", id, 3, at.plus(Duration.ofDays(60)), -1, "time", null, null, 4));
        assertThat(change(id, 4).toChange().entered()).isFalse();
        assertThat(changes(id)).isEqualTo(3);

        ProfileDocument profile = profile(id);
        assertThat(profile.segments).containsExactly("frequent_buyers");
        assertThat(profile.segmentMemberships)
                .containsExactly(new ProfileDocument.SegmentMembershipEntry("frequent_buyers", at.plusSeconds(1), 2));
        assertThat(profile.activity)
                .containsExactly(new ProfileDocument.ActivityBucket("2026-03-01", "purchase", "store", null, 1));
    }

    @Test
    void redeliveredEventsAndStaleWritesLeaveTheChangesAsTheyAre() throws IOException {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-04-01T10:00:00Z");
        CustomerEnteredSegment entry = entered(id, "vip", 1, at);
        publish(id, 0, entry);
        publish(id, 1, left(id, "vip", 1, at.plus(Duration.ofDays(1))));
        awaitSequence(id, 1);
        SegmentChangeDocument written = change(id, 0);

        // the same event delivered again, then a newer one to know it went through
        publish(id, 0, entry);
        publish(id, 2, entered(id, "other", 1, at.plus(Duration.ofDays(2))));
        awaitSequence(id, 2);
        assertThat(change(id, 0)).isEqualTo(written);
        assertThat(changes(id)).isEqualTo(3);
        assertThat(profile(id).segments).containsExactly("other");

        // a retried batch writing the document again, differently: refused as stale
        writer.writeTimelineAndTransitions(
                List.of(),
                List.of(),
                List.of(new SegmentChangeDocument("vip", id, 9, NOW, -1, "definition", null, null, 0)));
        assertThat(change(id, 0)).isEqualTo(written);
        assertThat(changes(id)).isEqualTo(3);
    }

    @Test
    void aResetReplaysTheSameChanges() throws IOException {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-05-01T10:00:00Z");
        publish(id, 0, entered(id, "vip", 1, at));
        publish(id, 1, left(id, "vip", 1, at.plus(Duration.ofHours(1))));
        publish(id, 2, entered(id, "vip", 2, at.plus(Duration.ofHours(2))));
        awaitSequence(id, 2);
        SegmentChangeDocument last = change(id, 2);

        StreamingEventProcessor processor = processing
                .eventProcessor(CustomerViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        publish(id, 3, left(id, "vip", 2, at.plus(Duration.ofHours(3))));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ProfileDocument rebuilt = profile(id);
            return rebuilt != null && rebuilt.lastSequence == 3 && !processor.isReplaying();
        });
        assertThat(change(id, 2)).isEqualTo(last);
        assertThat(changes(id)).isEqualTo(4);
        assertThat(profile(id).segments).isEmpty();
    }
}
