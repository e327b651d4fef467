package io.kizuna.query.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.journey.FindJourneyFunnel;
import io.kizuna.api.journey.FindJourneyModel;
import io.kizuna.api.journey.FindJourneyModels;
import io.kizuna.api.journey.FindStageHistory;
import io.kizuna.api.journey.FunnelCohort;
import io.kizuna.api.journey.FunnelStage;
import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyFunnel;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefined;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyModels;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.journey.LocalizedText;
import io.kizuna.api.journey.StageTransition;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.NotFoundException;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Journey questions answered from views that the real projection built, through Axon's processor, in a real
 * Elasticsearch, over a generated population whose funnel is known in advance:
 *
 * <ul>
 *   <li>customers 0..99 enter {@code visit} (customer {@code i} at 5 Jan 2026 + i hours for i &lt; 40, the January
 *       cohort; at 5 Feb 2026 + (i - 40) hours otherwise, the February cohort), through channel {@code web} when
 *       {@code i} is even, {@code store} when odd; the January customers' first touchpoint has campaign
 *       {@code newyear};
 *   <li>those with {@code i % 10 < 6} (60) move to {@code signup} exactly one day later;
 *   <li>those with {@code i % 10 < 3} (30) move on to {@code purchase}: 4 days later when {@code i % 10 == 1} (10),
 *       2 days later otherwise (20).
 * </ul>
 *
 * The model has a second version that adds {@code loyal}; every transition was made under the first. The
 * percentiles are exact because each lies well inside a run of equal values.
 */
@SpringBootTest(classes = JourneyQueriesIT.TestApplication.class)
class JourneyQueriesIT {

    private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final String MODEL = "shop";
    private static final double DAY = 86_400;
    private static final int CUSTOMERS = 100;
    private static final int TRANSITIONS = 190;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan({"io.kizuna.projection", "io.kizuna.query.journey"})
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
    JourneyQueries queries;

    @Autowired
    JourneyFunnels funnels;

    private static ElasticsearchClient cleanupClient;
    private static final List<String> customerIds = new ArrayList<>();

    @AfterAll
    static void dropIndices() throws IOException {
        if (cleanupClient != null) {
            cleanupClient.indices().delete(d -> d.index(PREFIX + "*"));
        }
    }

    /** Publishes the population once, and waits until the projection has written every transition. */
    @BeforeEach
    void population() {
        cleanupClient = client;
        synchronized (customerIds) {
            if (customerIds.isEmpty()) {
                define(0, 1, "visit", "signup", "purchase");
                define(1, 2, "visit", "signup", "purchase", "loyal");
                for (int i = 0; i < CUSTOMERS; i++) {
                    customerIds.add(customer(i));
                }
            }
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> transitions(false) == TRANSITIONS && transitions(true) == CUSTOMERS);
    }

    private long transitions(boolean currentOnly) throws IOException {
        String alias = names.alias(ViewIndex.STAGE_TRANSITIONS);
        client.indices().refresh(r -> r.index(alias));
        return client.count(c -> c.index(alias)
                        .query(q -> currentOnly ? q.term(t -> t.field("current").value(true)) : q.matchAll(m -> m)))
                .count();
    }

    private void define(long sequence, int version, String... stages) {
        JourneyModelDefinition definition = new JourneyModelDefinition(
                MODEL,
                new LocalizedText("Shop", "ショップ"),
                Arrays.stream(stages)
                        .map(id -> new JourneyStageDefinition(id, new LocalizedText(id, id), null))
                        .toList(),
                null,
                null,
                null,
                true,
                false);
        eventStore.publish(new GenericDomainEventMessage<>(
                "JourneyCatalog",
                JourneyCatalog.ID,
                sequence,
                new JourneyModelDefined(JourneyCatalog.ID, definition, version, false, NOW)));
    }

    /** Customer {@code i} of the population (see the class comment), as one append, like the aggregate's. */
    private String customer(int i) {
        String id = UUID.randomUUID().toString();
        String channel = i % 2 == 0 ? "web" : "store";
        Instant start = i < 40
                ? Instant.parse("2026-01-05T00:00:00Z").plus(Duration.ofHours(i))
                : Instant.parse("2026-02-05T00:00:00Z").plus(Duration.ofHours(i - 40));
        List<Object> events = new ArrayList<>();
        events.add(touchpoint(id, "m-0", channel, i < 40 ? "newyear" : null, start));
        events.add(entered(id, null, "visit", start, "m-0"));
        if (i % 10 < 6) {
            Instant signup = start.plus(Duration.ofDays(1));
            events.add(touchpoint(id, "m-1", channel, null, signup));
            events.add(entered(id, "visit", "signup", signup, "m-1"));
            if (i % 10 < 3) {
                Instant purchase = signup.plus(Duration.ofDays(i % 10 == 1 ? 4 : 2));
                events.add(touchpoint(id, "m-2", channel, null, purchase));
                events.add(entered(id, "signup", "purchase", purchase, "m-2"));
            }
        }
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>("Customer", id, sequence, events.get(sequence)));
        }
        eventStore.publish(messages);
        return id;
    }

    private static TouchpointRecorded touchpoint(
            String customerId, String messageId, String channel, String campaign, Instant at) {
        return new TouchpointRecorded(customerId, messageId, "web_visit", channel, at, NOW, campaign, null, Map.of());
    }

    private static JourneyStageEntered entered(String customerId, String from, String to, Instant at, String cause) {
        return new JourneyStageEntered(customerId, MODEL, 1, from, to, at, JourneyStageEntered.TOUCHPOINT, cause, NOW);
    }

    private static FunnelStage stage(
            String stage, long current, long entered, Double conversion, Double median, Double p90, long dropOff) {
        return new FunnelStage(stage, current, entered, conversion, median, p90, dropOff);
    }

    private static final FunnelStage NO_ONE_LOYAL = stage("loyal", 0, 0, null, null, null, 0);

    @Test
    void theFunnelCountsWhoIsInEachStageEntriesConversionsAndTimeInStage() throws IOException {
        JourneyFunnel funnel = funnels.handle(new FindJourneyFunnel(MODEL, null, null, null, null, null));

        assertThat(funnel.model()).isEqualTo(MODEL);
        assertThat(funnel.stages())
                .containsExactly(
                        stage("visit", 40, 100, 0.6, DAY, DAY, 40),
                        stage("signup", 30, 60, 0.5, 2 * DAY, 4 * DAY, 30),
                        stage("purchase", 30, 30, 0.0, null, null, 30),
                        NO_ONE_LOYAL);
        assertThat(funnel.cohorts())
                .containsExactly(
                        new FunnelCohort(
                                "2026-01",
                                40,
                                List.of(
                                        stage("visit", 16, 40, 0.6, DAY, DAY, 16),
                                        stage("signup", 12, 24, 0.5, 2 * DAY, 4 * DAY, 12),
                                        stage("purchase", 12, 12, 0.0, null, null, 12),
                                        NO_ONE_LOYAL)),
                        new FunnelCohort(
                                "2026-02",
                                60,
                                List.of(
                                        stage("visit", 24, 60, 0.6, DAY, DAY, 24),
                                        stage("signup", 18, 36, 0.5, 2 * DAY, 4 * DAY, 18),
                                        stage("purchase", 18, 18, 0.0, null, null, 18),
                                        NO_ONE_LOYAL)));
    }

    @Test
    void theWindowLimitsEntriesButNotWhoIsInAStageNow() throws IOException {
        JourneyFunnel funnel = funnels.handle(new FindJourneyFunnel(
                MODEL, Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), null, null, null));

        assertThat(funnel.stages())
                .containsExactly(
                        stage("visit", 40, 60, 0.6, DAY, DAY, 24),
                        stage("signup", 30, 36, 0.5, 2 * DAY, 4 * DAY, 18),
                        stage("purchase", 30, 18, 0.0, null, null, 18),
                        NO_ONE_LOYAL);
        assertThat(funnel.cohorts()).extracting(FunnelCohort::cohort).containsExactly("2026-01", "2026-02");
        FunnelCohort january = funnel.cohorts().get(0);
        assertThat(january.customers()).isZero();
        assertThat(january.stages()).extracting(FunnelStage::current).containsExactly(16L, 12L, 12L, 0L);
        assertThat(january.stages()).extracting(FunnelStage::entered).containsExactly(0L, 0L, 0L, 0L);
        assertThat(funnel.cohorts().get(1).customers()).isEqualTo(60);
    }

    @Test
    void aChannelKeepsTheEntriesItsTouchpointsCaused() throws IOException {
        JourneyFunnel funnel = funnels.handle(new FindJourneyFunnel(MODEL, null, null, null, "web", null));

        assertThat(funnel.stages())
                .containsExactly(
                        stage("visit", 20, 50, 0.6, DAY, DAY, 20),
                        stage("signup", 10, 30, 2.0 / 3, 2 * DAY, 2 * DAY, 10),
                        stage("purchase", 20, 20, 0.0, null, null, 20),
                        NO_ONE_LOYAL);
        assertThat(funnel.cohorts()).extracting(FunnelCohort::customers).containsExactly(20L, 30L);
    }

    @Test
    void aCampaignKeepsTheEntriesItsTouchpointsCaused() throws IOException {
        JourneyFunnel funnel = funnels.handle(new FindJourneyFunnel(MODEL, null, null, null, null, "newyear"));

        assertThat(funnel.stages())
                .containsExactly(
                        stage("visit", 16, 40, 0.6, DAY, DAY, 16),
                        stage("signup", 0, 0, null, null, null, 0),
                        stage("purchase", 0, 0, null, null, null, 0),
                        NO_ONE_LOYAL);
        assertThat(funnel.cohorts()).extracting(FunnelCohort::cohort).containsExactly("2026-01");
    }

    @Test
    void withoutAModelTheDefaultModelsFunnelIsGiven() throws IOException {
        assertThat(funnels.handle(new FindJourneyFunnel(null, null, null, null, null, null))
                        .model())
                .isEqualTo(MODEL);
    }

    @Test
    void anUnknownModelIsNotFoundAndASegmentIsRefusedUntilSegmentsExist() {
        assertThatThrownBy(() -> funnels.handle(new FindJourneyFunnel("nope", null, null, null, null, null)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> funnels.handle(new FindJourneyFunnel(MODEL, null, null, "vip", null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("segment");
        assertThatThrownBy(
                        () -> funnels.handle(new FindJourneyFunnel(MODEL, NOW, NOW.minusSeconds(1), null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("to");
    }

    @Test
    void aCustomersStageHistoryIsInBusinessTimeOrder() throws IOException {
        String customer = customerIds.get(1); // visit, signup a day later, purchase 4 days after that

        List<StageTransition> history =
                queries.handle(new FindStageHistory(customer, null)).transitions();

        assertThat(history).extracting(StageTransition::to).containsExactly("visit", "signup", "purchase");
        assertThat(history).extracting(StageTransition::from).containsExactly(null, "visit", "signup");
        assertThat(history).extracting(StageTransition::causeMessageId).containsExactly("m-0", "m-1", "m-2");
        assertThat(history.get(2).at()).isEqualTo(history.get(1).at().plus(Duration.ofDays(4)));
        assertThat(queries.handle(new FindStageHistory(customer, "other")).transitions())
                .isEmpty();
        assertThat(queries.handle(new FindStageHistory(customer, MODEL)).transitions())
                .hasSize(3);
    }

    @Test
    void theModelsAreTheirLatestVersions() {
        JourneyModels models = queries.handle(new FindJourneyModels());
        assertThat(models.defaultModel()).isEqualTo(MODEL);
        assertThat(models.models()).extracting(JourneyModel::version).containsExactly(2);

        assertThat(queries.handle(new FindJourneyModel(MODEL)).version()).isEqualTo(2);
        assertThat(queries.handle(new FindJourneyModel("nope"))).isNull();
    }
}
