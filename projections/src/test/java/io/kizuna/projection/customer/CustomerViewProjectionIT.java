package io.kizuna.projection.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyModelDefined;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.journey.LocalizedText;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.touchpoint.Money;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The customer views built by the real projection, through Axon's processor, in a real Elasticsearch. */
@SpringBootTest(classes = CustomerViewProjectionIT.TestApplication.class)
class CustomerViewProjectionIT {

    private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan("io.kizuna.projection")
    static class TestApplication {
        @Bean
        EventStorageEngine storageEngine() {
            return new InMemoryEventStorageEngine();
        }

        @Bean
        TokenStore tokenStore() {
            return new InMemoryTokenStore();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

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
    private static final AtomicLong catalogSequence = new AtomicLong();

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

    private static TouchpointRecorded purchase(String customerId, String messageId, String amount) {
        return new TouchpointRecorded(
                customerId,
                messageId,
                "purchase",
                "store",
                NOW.minus(Duration.ofDays(1)),
                NOW,
                null,
                new Money(new BigDecimal(amount), "JPY"),
                Map.of("sku", "A-1"));
    }

    private ProfileDocument profile(String customerId) throws IOException {
        GetResponse<ProfileDocument> response =
                client.get(g -> g.index(names.alias(ViewIndex.PROFILES)).id(customerId), ProfileDocument.class);
        return response.found() ? response.source() : null;
    }

    private long timelineCount(String customerId) throws IOException {
        client.indices().refresh(r -> r.index(names.alias(ViewIndex.TIMELINE)));
        return client.count(c -> c.index(names.alias(ViewIndex.TIMELINE))
                        .query(q -> q.term(t -> t.field("customerId").value(customerId))))
                .count();
    }

    @Test
    void eventsBecomeAProfileAndTimelineEntries() throws IOException {
        String id = UUID.randomUUID().toString();
        publish(id, 0, new CustomerRegistered(id, Identifier.of("crm", "C-1"), NOW));
        publish(id, 1, purchase(id, "m-1", "1200"));
        publish(id, 2, purchase(id, "m-2", "800"));

        await().atMost(Duration.ofSeconds(20)).until(() -> profile(id) != null && profile(id).lastSequence == 2);

        ProfileDocument profile = profile(id);
        assertThat(profile.touchpointCount).isEqualTo(2);
        assertThat(profile.lifetimeValue).containsExactly(new ProfileDocument.Amount("JPY", "2000", 2000.0, 2, 1000.0));
        assertThat(profile.identifiers)
                .extracting(ProfileDocument.IdentifierEntry::key)
                .containsExactly("crm:C-1");
        assertThat(timelineCount(id)).isEqualTo(2);
    }

    @Test
    void replayAfterResetChangesNothingAndNewEventsStillArrive() throws IOException {
        String id = UUID.randomUUID().toString();
        publish(id, 0, new CustomerRegistered(id, Identifier.of("crm", "C-2"), NOW));
        publish(id, 1, purchase(id, "m-1", "100"));
        await().atMost(Duration.ofSeconds(20)).until(() -> profile(id) != null && profile(id).lastSequence == 1);

        StreamingEventProcessor processor = processing
                .eventProcessor(CustomerViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        publish(id, 2, purchase(id, "m-2", "50"));

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ProfileDocument rebuilt = profile(id);
            return rebuilt != null && rebuilt.lastSequence == 2 && !processor.isReplaying();
        });
        ProfileDocument profile = profile(id);
        assertThat(profile.touchpointCount).isEqualTo(2);
        assertThat(profile.lifetimeValue).containsExactly(new ProfileDocument.Amount("JPY", "150", 150.0, 2, 75.0));
        assertThat(timelineCount(id)).isEqualTo(2);
    }

    private void defineModel(String model, int version, String... stages) {
        cleanupClient = client;
        JourneyModelDefinition definition = new JourneyModelDefinition(
                model,
                new LocalizedText(model, model),
                Arrays.stream(stages)
                        .map(id -> new JourneyStageDefinition(id, new LocalizedText(id, id), null))
                        .toList(),
                null,
                null,
                null,
                false,
                false);
        eventStore.publish(new GenericDomainEventMessage<>(
                "JourneyCatalog",
                JourneyCatalog.ID,
                catalogSequence.getAndIncrement(),
                new JourneyModelDefined(JourneyCatalog.ID, definition, version, false, NOW)));
    }

    private static TouchpointRecorded visit(
            String customerId, String messageId, String channel, String campaign, Instant at) {
        return new TouchpointRecorded(customerId, messageId, "web_visit", channel, at, NOW, campaign, null, Map.of());
    }

    private static JourneyStageEntered entered(
            String customerId, String model, int version, String from, String to, Instant at, String cause) {
        return new JourneyStageEntered(
                customerId,
                model,
                version,
                from,
                to,
                at,
                cause == null ? JourneyStageEntered.DEADLINE : JourneyStageEntered.TOUCHPOINT,
                cause,
                NOW);
    }

    private StageTransitionDocument transition(String customerId, String model, long sequence) throws IOException {
        GetResponse<StageTransitionDocument> response = client.get(
                g -> g.index(names.alias(ViewIndex.STAGE_TRANSITIONS))
                        .id(StageTransitionDocument.idOf(customerId, model, sequence)),
                StageTransitionDocument.class);
        return response.found() ? response.source() : null;
    }

    private void awaitSequence(String customerId, long sequence) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> profile(customerId) != null && profile(customerId).lastSequence >= sequence);
    }

    private static String modelName() {
        return "shop_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void eachTransitionIsADocumentAndTheNextTransitionClosesThePreviousOne() throws IOException {
        String id = UUID.randomUUID().toString();
        String model = modelName();
        defineModel(model, 1, "visit", "signup", "purchase");
        Instant start = Instant.parse("2026-01-31T23:30:00Z");
        publish(id, 0, visit(id, "m-1", "web", "spring", start));
        publish(id, 1, entered(id, model, 1, null, "visit", start, "m-1"));
        publish(id, 2, visit(id, "m-2", "store", null, start.plus(Duration.ofDays(1))));
        publish(id, 3, entered(id, model, 1, "visit", "signup", start.plus(Duration.ofDays(1)), "m-2"));
        publish(id, 4, entered(id, model, 1, "signup", "visit", start.plus(Duration.ofDays(31)), null));
        awaitSequence(id, 4);

        StageTransitionDocument first = transition(id, model, 1);
        assertThat(first.to()).isEqualTo("visit");
        assertThat(first.from()).isNull();
        assertThat(first.toIndex()).isZero();
        assertThat(first.channel()).isEqualTo("web");
        assertThat(first.campaign()).isEqualTo("spring");
        assertThat(first.firstSeenMonth()).isEqualTo("2026-01");
        assertThat(first.current()).isFalse();
        assertThat(first.exitedAt()).isEqualTo(start.plus(Duration.ofDays(1)));
        assertThat(first.exitedTo()).isEqualTo("signup");
        assertThat(first.exitedToIndex()).isEqualTo(1);
        assertThat(first.movedOn()).isTrue();
        assertThat(first.secondsInStage()).isEqualTo(86_400L);
        assertThat(first.lastSequence()).isEqualTo(3);

        StageTransitionDocument second = transition(id, model, 3);
        assertThat(second.from()).isEqualTo("visit");
        assertThat(second.toIndex()).isEqualTo(1);
        assertThat(second.channel()).isEqualTo("store");
        assertThat(second.campaign()).isNull();
        assertThat(second.exitedTo()).isEqualTo("visit");
        assertThat(second.exitedToIndex()).isZero();
        assertThat(second.movedOn()).as("moved back, not on").isFalse();
        assertThat(second.secondsInStage()).isEqualTo(30 * 86_400L);

        StageTransitionDocument third = transition(id, model, 4);
        assertThat(third.current()).isTrue();
        assertThat(third.causeKind()).isEqualTo(JourneyStageEntered.DEADLINE);
        assertThat(third.channel()).isNull();
        assertThat(third.exitedAt()).isNull();
        assertThat(third.movedOn()).isNull();

        assertThat(profile(id).toProfile().stages()).singleElement().satisfies(stage -> assertThat(stage.stage())
                .isEqualTo("visit"));
    }

    @Test
    void redeliveredEventsAndStaleWritesLeaveTheTransitionsAsTheyAre() throws IOException {
        String id = UUID.randomUUID().toString();
        String model = modelName();
        defineModel(model, 1, "visit", "signup");
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        JourneyStageEntered first = entered(id, model, 1, null, "visit", start, "m-1");
        publish(id, 0, visit(id, "m-1", "web", null, start));
        publish(id, 1, first);
        publish(id, 2, visit(id, "m-2", "web", null, start.plusSeconds(60)));
        publish(id, 3, entered(id, model, 1, "visit", "signup", start.plusSeconds(60), "m-2"));
        awaitSequence(id, 3);
        StageTransitionDocument closed = transition(id, model, 1);

        // the same event delivered again, then a newer one to know it went through
        publish(id, 1, first);
        publish(id, 4, visit(id, "m-3", "web", null, start.plusSeconds(120)));
        awaitSequence(id, 4);
        assertThat(transition(id, model, 1)).isEqualTo(closed);
        assertThat(transition(id, model, 3).current()).isTrue();

        // a retried batch writing the entry as it was before it was closed
        ProfileDocument.StageEntry asEntered = new ProfileDocument.StageEntry(
                model, "visit", start, 1, 1, null, JourneyStageEntered.TOUCHPOINT, "m-1", "web", null, NOW, "2026-03");
        writer.writeTimelineAndTransitions(List.of(), List.of(StageTransitionDocument.entered(id, asEntered, 0, null)));
        assertThat(transition(id, model, 1)).isEqualTo(closed);
        assertThat(closed.current()).isFalse();
    }

    @Test
    void aMergedAwayCustomerLeavesItsStagesWithoutExitingThem() throws IOException {
        String id = UUID.randomUUID().toString();
        String survivor = UUID.randomUUID().toString();
        String model = modelName();
        defineModel(model, 1, "visit", "signup");
        Instant start = Instant.parse("2026-04-01T10:00:00Z");
        publish(id, 0, visit(id, "m-1", "web", null, start));
        publish(id, 1, entered(id, model, 1, null, "visit", start, "m-1"));
        publish(id, 2, new CustomerMergedInto(id, survivor, List.of(), MergeCause.user("api", "same person"), NOW));
        awaitSequence(id, 2);

        StageTransitionDocument entry = transition(id, model, 1);
        assertThat(entry.current()).isFalse();
        assertThat(entry.mergedInto()).isEqualTo(survivor);
        assertThat(entry.exitedAt()).isNull();
        assertThat(entry.exitedTo()).isNull();
        assertThat(entry.secondsInStage()).isNull();
        assertThat(entry.lastSequence()).isEqualTo(2);
    }

    @Test
    void aTransitionUnderANewModelVersionReadsTheCatalogAgainAndItsCauseFromTheHistory() throws IOException {
        String id = UUID.randomUUID().toString();
        String model = modelName();
        defineModel(model, 1, "visit", "signup");
        Instant start = Instant.parse("2026-05-01T10:00:00Z");
        publish(id, 0, visit(id, "m-1", "web", null, start));
        publish(id, 1, entered(id, model, 1, null, "visit", start, "m-1"));
        publish(id, 2, visit(id, "m-2", "email", "may", start.plus(Duration.ofHours(5))));
        awaitSequence(id, 2); // the cause is in an earlier batch than its transition

        defineModel(model, 2, "visit", "trial", "signup");
        publish(id, 3, entered(id, model, 2, "visit", "signup", start.plus(Duration.ofHours(5)), "m-2"));
        awaitSequence(id, 3);

        StageTransitionDocument signup = transition(id, model, 3);
        assertThat(signup.modelVersion()).isEqualTo(2);
        assertThat(signup.toIndex()).isEqualTo(2);
        assertThat(signup.channel()).isEqualTo("email");
        assertThat(signup.campaign()).isEqualTo("may");
        StageTransitionDocument visit = transition(id, model, 1);
        assertThat(visit.toIndex()).isZero();
        assertThat(visit.exitedToIndex()).isEqualTo(2);
        assertThat(visit.secondsInStage()).isEqualTo(5 * 3_600L);
    }
}
