package io.kizuna.projection.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.touchpoint.Money;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
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
        assertThat(profile.lifetimeValue).containsExactly(new ProfileDocument.Amount("JPY", "2000", 2000.0));
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
        assertThat(profile.lifetimeValue).containsExactly(new ProfileDocument.Amount("JPY", "150", 150.0));
        assertThat(timelineCount(id)).isEqualTo(2);
    }
}
