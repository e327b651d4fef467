package io.kizuna.query.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import io.kizuna.api.customer.CustomerPage;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.IdentifierAdded;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyModelDefined;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.journey.LocalizedText;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.FindSegmentMembers;
import io.kizuna.api.segment.FindSegmentSizeOverTime;
import io.kizuna.api.segment.FindSegmentSizes;
import io.kizuna.api.segment.PreviewSegment;
import io.kizuna.api.segment.SegmentMembership;
import io.kizuna.api.segment.SegmentPreview;
import io.kizuna.api.segment.SegmentSizePoint;
import io.kizuna.api.touchpoint.Money;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import io.kizuna.projection.customer.ProfileDocument;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Segment questions answered from views that the real projection built, through Axon's processor, in a real
 * Elasticsearch, over a generated population whose answers are known. Now is {@value #NOW_TEXT} (the clock is fixed).
 *
 * <p>Customers 0..29, customer {@code i}:
 *
 * <ul>
 *   <li>identifier {@code crm}; {@code email} when {@code i} is even;
 *   <li>traits: plan {@code gold} when {@code i % 5 == 0} (6), else {@code silver}; city "Minato, Tokyo" when
 *       {@code i % 3 == 0} (10), else "Osaka"; age {@code 20 + i}; vip {@code true} when {@code i % 6 == 0} (5);
 *   <li>{@code k = i % 4} store purchases of 1,000 JPY, the {@code j}-th {@code 10 + 30j} days ago (10, 40, 70); a
 *       return of -500 JPY 5 days ago when {@code k == 3}; a web visit on 28 Feb at {@code i} minutes past midnight
 *       (its last activity: the newest activity is the highest {@code i});
 *   <li>journey model {@code shop}: {@code i < 10} enter {@code visit}, the odd ones of them move on to {@code signup};
 *   <li>segment {@code vip}: entered when {@code i % 3 == 0} (10);
 *   <li>segment {@code buyers}: {@code i < 20} enter it on 10 Feb + {@code i % 5} days at 09:00 (4 a day, 10–14 Feb);
 *       those with {@code i % 4 == 0} (5) leave on 20 Feb at 12:00; customer 0 enters again on 25 Feb at 08:00. 16
 *       members now.
 * </ul>
 *
 * Customer 30 (crm, email, plan gold, one purchase of 5,000 JPY 3 days ago, in {@code vip}) was merged into customer
 * 1: it is counted nowhere, while customer 1 now has its email and purchase (6,000 JPY from 2 purchases).
 */
@SpringBootTest(classes = SegmentQueriesIT.TestApplication.class)
class SegmentQueriesIT {

    static final String NOW_TEXT = "2026-03-01T10:00:00Z";
    private static final Instant NOW = Instant.parse(NOW_TEXT);
    private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final String MODEL = "shop";
    private static final int CUSTOMERS = 30;
    private static final int SEGMENT_CHANGES = 11 + 26;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan("io.kizuna.projection")
    @Import({SegmentMemberQueries.class, SegmentSizeOverTime.class})
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
            return Clock.fixed(NOW, ZoneOffset.UTC);
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
    SegmentMemberQueries members;

    @Autowired
    SegmentSizeOverTime sizeOverTime;

    private static ElasticsearchClient cleanupClient;
    /** Customer ids by number, and the sequence number of each one's last event. */
    private static final List<String> ids = new ArrayList<>();

    private static final Map<String, Long> lastSequences = new LinkedHashMap<>();

    @AfterAll
    static void dropIndices() throws IOException {
        if (cleanupClient != null) {
            cleanupClient.indices().delete(d -> d.index(PREFIX + "*"));
        }
    }

    /** Publishes the population once, and waits until the projection has written all of it. */
    @BeforeEach
    void population() {
        cleanupClient = client;
        synchronized (ids) {
            if (ids.isEmpty()) {
                defineModel();
                IntStream.rangeClosed(0, CUSTOMERS)
                        .forEach(i -> ids.add(UUID.randomUUID().toString()));
                publish(ids.get(CUSTOMERS), merged(ids.get(CUSTOMERS), ids.get(1)));
                for (int i = 0; i < CUSTOMERS; i++) {
                    publish(ids.get(i), customer(i));
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(this::allWritten);
    }

    private boolean allWritten() throws IOException {
        MgetResponse<ProfileDocument> response = client.mget(
                m -> m.index(names.alias(ViewIndex.PROFILES)).ids(List.copyOf(lastSequences.keySet())),
                ProfileDocument.class);
        boolean profiles = response.docs().stream()
                .allMatch(d -> d.result().found()
                        && d.result().source().lastSequence
                                == lastSequences.get(d.result().id()));
        if (!profiles) {
            return false;
        }
        client.indices().refresh(r -> r.index(names.alias(ViewIndex.PROFILES), names.alias(ViewIndex.SEGMENT_CHANGES)));
        return client.count(c -> c.index(names.alias(ViewIndex.SEGMENT_CHANGES)))
                        .count()
                == SEGMENT_CHANGES;
    }

    private void publish(String id, List<Object> events) {
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>("Customer", id, sequence, events.get(sequence)));
        }
        eventStore.publish(messages);
        lastSequences.put(id, events.size() - 1L);
    }

    private void defineModel() {
        JourneyModelDefinition definition = new JourneyModelDefinition(
                MODEL,
                new LocalizedText("Shop", "ショップ"),
                Arrays.stream(new String[] {"visit", "signup"})
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
                0,
                new JourneyModelDefined(JourneyCatalog.ID, definition, 1, false, NOW)));
    }

    /** Customer {@code i}'s events (see the class comment). */
    private static List<Object> customer(int i) {
        String id = ids.get(i);
        List<Object> events = new ArrayList<>();
        events.add(new CustomerRegistered(id, Identifier.of("crm", "C-" + i), NOW));
        if (i % 2 == 0) {
            events.add(new IdentifierAdded(id, Identifier.of("email", "c" + i + "@example.jp"), NOW));
        }
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("plan", i % 5 == 0 ? "gold" : "silver");
        traits.put("city", i % 3 == 0 ? "Minato, Tokyo" : "Osaka");
        traits.put("age", 20 + i);
        traits.put("vip", i % 6 == 0);
        events.add(new TraitsChanged(id, traits, List.of(), NOW, null));
        for (int j = 0; j < i % 4; j++) {
            events.add(touchpoint(id, "p-" + j, "purchase", "store", NOW.minus(Duration.ofDays(10 + 30L * j)), "1000"));
        }
        if (i % 4 == 3) {
            events.add(touchpoint(id, "r-0", "return", "store", NOW.minus(Duration.ofDays(5)), "-500"));
        }
        events.add(touchpoint(
                id,
                "v-0",
                "web_visit",
                "web",
                Instant.parse("2026-02-28T00:00:00Z").plusSeconds(60L * i),
                null));
        if (i < 10) {
            events.add(stage(id, null, "visit", "2026-02-01T00:00:00Z"));
            if (i % 2 == 1) {
                events.add(stage(id, "visit", "signup", "2026-02-02T00:00:00Z"));
            }
        }
        if (i % 3 == 0) {
            events.add(entered(id, "vip", Instant.parse("2026-02-01T00:00:00Z").plus(Duration.ofHours(i))));
        }
        if (i < 20) {
            events.add(
                    entered(id, "buyers", Instant.parse("2026-02-10T09:00:00Z").plus(Duration.ofDays(i % 5))));
            if (i % 4 == 0) {
                events.add(new CustomerLeftSegment(
                        id, "buyers", 1, Instant.parse("2026-02-20T12:00:00Z"), "time", null, null));
            }
            if (i == 0) {
                events.add(entered(id, "buyers", Instant.parse("2026-02-25T08:00:00Z")));
            }
        }
        if (i == 1) {
            events.add(new CustomerAbsorbed(
                    id,
                    ids.get(CUSTOMERS),
                    List.of(Identifier.of("email", "c30@example.jp")),
                    Set.of(),
                    Set.of(),
                    MergeCause.user("api", "same person"),
                    NOW));
        }
        return events;
    }

    /** Customer 30, merged into {@code survivor}. */
    private static List<Object> merged(String id, String survivor) {
        Identifier email = Identifier.of("email", "c30@example.jp");
        return List.of(
                new CustomerRegistered(id, Identifier.of("crm", "C-30"), NOW),
                new IdentifierAdded(id, email, NOW),
                new TraitsChanged(id, Map.of("plan", "gold"), List.of(), NOW, null),
                touchpoint(id, "p-0", "purchase", "store", NOW.minus(Duration.ofDays(3)), "5000"),
                entered(id, "vip", Instant.parse("2026-02-01T00:00:00Z")),
                new CustomerMergedInto(id, survivor, List.of(email), MergeCause.user("api", "same person"), NOW));
    }

    private static TouchpointRecorded touchpoint(
            String id, String messageId, String type, String channel, Instant at, String yen) {
        Money value = yen == null ? null : new Money(new BigDecimal(yen), "JPY");
        return new TouchpointRecorded(id, messageId, type, channel, at, NOW, null, value, Map.of());
    }

    private static JourneyStageEntered stage(String id, String from, String to, String at) {
        return new JourneyStageEntered(
                id, MODEL, 1, from, to, Instant.parse(at), JourneyStageEntered.REEVALUATION, null, NOW);
    }

    private static CustomerEnteredSegment entered(String id, String segment, Instant at) {
        return new CustomerEnteredSegment(id, segment, 1, at, "event", null, null);
    }

    private static List<String> customers(int... numbers) {
        return Arrays.stream(numbers).mapToObj(ids::get).toList();
    }

    // ---- sizes

    @Test
    void sizesCountCurrentMembersWithoutMergedAwayCustomers() throws IOException {
        assertThat(members.handle(new FindSegmentSizes(List.of("vip", "buyers", "nobody", "vip")))
                        .sizes())
                .containsExactly(Map.entry("vip", 10L), Map.entry("buyers", 16L), Map.entry("nobody", 0L));
        assertThat(members.handle(new FindSegmentSizes(null)).sizes())
                .containsExactly(Map.entry("buyers", 16L), Map.entry("vip", 10L));
        assertThat(members.handle(new FindSegmentSizes(List.of())).sizes()).isEmpty();
    }

    // ---- members

    @Test
    void membersComeAPageAtATimeTheMostRecentlyActiveFirst() throws IOException {
        CustomerPage first = members.handle(new FindSegmentMembers("vip", 4, null));
        CustomerPage second =
                members.handle(new FindSegmentMembers("vip", 4, first.cursors().get(3)));
        CustomerPage third =
                members.handle(new FindSegmentMembers("vip", 4, second.cursors().get(3)));

        assertThat(first.customers())
                .extracting(CustomerProfile::id)
                .containsExactlyElementsOf(customers(27, 24, 21, 18));
        assertThat(second.customers())
                .extracting(CustomerProfile::id)
                .containsExactlyElementsOf(customers(15, 12, 9, 6));
        assertThat(third.customers()).extracting(CustomerProfile::id).containsExactlyElementsOf(customers(3, 0));
        assertThat(List.of(first.hasNextPage(), second.hasNextPage(), third.hasNextPage()))
                .containsExactly(true, true, false);
        assertThat(first.totalCount()).isEqualTo(10);
        assertThat(first.cursors()).hasSize(4);
        assertThat(third.customers().get(1).segments())
                .extracting(SegmentMembership::segmentId)
                .containsExactly("vip", "buyers");
        assertThat(third.customers().get(1).segments().get(1).since())
                .as("customer 0 re-entered buyers")
                .isEqualTo(Instant.parse("2026-02-25T08:00:00Z"));
    }

    @Test
    void aPageCursorFromElsewhereOrABadPageSizeIsRefused() {
        assertThatThrownBy(() -> members.handle(new FindSegmentMembers("vip", 4, "not-a-cursor")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("after:");
        assertThatThrownBy(() -> members.handle(new FindSegmentMembers("vip", 0, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("first:");
        assertThatThrownBy(() -> members.handle(new FindSegmentMembers("vip", 101, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("first:");
    }

    // ---- size over time

    private List<SegmentSizePoint> sizes(String from, String to, String interval) throws IOException {
        return sizeOverTime
                .handle(new FindSegmentSizeOverTime("buyers", Instant.parse(from), Instant.parse(to), interval))
                .points();
    }

    private static SegmentSizePoint point(String at, long size) {
        return new SegmentSizePoint(Instant.parse(at), size);
    }

    @Test
    void dailySizesAreTheSizeAtTheEndOfEachDayWithEmptyDaysIncluded() throws IOException {
        assertThat(sizes("2026-02-09T00:00:00Z", "2026-02-27T00:00:00Z", "1d"))
                .containsExactly(
                        point("2026-02-10T00:00:00Z", 0),
                        point("2026-02-11T00:00:00Z", 4),
                        point("2026-02-12T00:00:00Z", 8),
                        point("2026-02-13T00:00:00Z", 12),
                        point("2026-02-14T00:00:00Z", 16),
                        point("2026-02-15T00:00:00Z", 20),
                        point("2026-02-16T00:00:00Z", 20),
                        point("2026-02-17T00:00:00Z", 20),
                        point("2026-02-18T00:00:00Z", 20),
                        point("2026-02-19T00:00:00Z", 20),
                        point("2026-02-20T00:00:00Z", 20),
                        point("2026-02-21T00:00:00Z", 15),
                        point("2026-02-22T00:00:00Z", 15),
                        point("2026-02-23T00:00:00Z", 15),
                        point("2026-02-24T00:00:00Z", 15),
                        point("2026-02-25T00:00:00Z", 15),
                        point("2026-02-26T00:00:00Z", 16),
                        point("2026-02-27T00:00:00Z", 16));
    }

    @Test
    void theSizeBeforeFromCountsAndTheLastPointIsAtTo() throws IOException {
        assertThat(sizes("2026-02-12T12:00:00Z", "2026-02-21T06:00:00Z", "1d"))
                .containsExactly(
                        point("2026-02-13T00:00:00Z", 12),
                        point("2026-02-14T00:00:00Z", 16),
                        point("2026-02-15T00:00:00Z", 20),
                        point("2026-02-16T00:00:00Z", 20),
                        point("2026-02-17T00:00:00Z", 20),
                        point("2026-02-18T00:00:00Z", 20),
                        point("2026-02-19T00:00:00Z", 20),
                        point("2026-02-20T00:00:00Z", 20),
                        point("2026-02-21T00:00:00Z", 15),
                        point("2026-02-21T06:00:00Z", 15));
    }

    @Test
    void hourlyWeeklyAndMonthlySizes() throws IOException {
        assertThat(sizes("2026-02-20T10:00:00Z", "2026-02-20T14:00:00Z", "1h"))
                .containsExactly(
                        point("2026-02-20T11:00:00Z", 20),
                        point("2026-02-20T12:00:00Z", 20),
                        point("2026-02-20T13:00:00Z", 15),
                        point("2026-02-20T14:00:00Z", 15));
        // weeks start on Monday: 1 Feb 2026 is a Sunday, in the week from 26 Jan
        assertThat(sizes("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "1w"))
                .containsExactly(
                        point("2026-02-02T00:00:00Z", 0),
                        point("2026-02-09T00:00:00Z", 0),
                        point("2026-02-16T00:00:00Z", 20),
                        point("2026-02-23T00:00:00Z", 15),
                        point("2026-03-01T00:00:00Z", 16));
        assertThat(sizes("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "1M"))
                .containsExactly(
                        point("2026-02-01T00:00:00Z", 0),
                        point("2026-03-01T00:00:00Z", 16),
                        point("2026-04-01T00:00:00Z", 16));
        assertThat(sizeOverTime
                        .handle(new FindSegmentSizeOverTime("nobody", Instant.parse("2026-02-01T00:00:00Z"), NOW, "1M"))
                        .points())
                .containsExactly(point("2026-03-01T00:00:00Z", 0), point(NOW_TEXT, 0));
    }

    @Test
    void aThousandPointsAreAllowedButNoMoreAndOnlyKnownIntervalsInOrder() throws IOException {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(sizeOverTime
                        .handle(new FindSegmentSizeOverTime("buyers", from, from.plus(Duration.ofHours(1000)), "1h"))
                        .points())
                .hasSize(1000)
                .last()
                // 11 Feb 16:00: the entries of 10 and 11 Feb
                .isEqualTo(new SegmentSizePoint(from.plus(Duration.ofHours(1000)), 8));

        assertRefused(
                new FindSegmentSizeOverTime(
                        "buyers", from, from.plus(Duration.ofHours(1000)).plusSeconds(1), "1h"),
                "interval");
        assertRefused(new FindSegmentSizeOverTime("buyers", from, from.plus(Duration.ofDays(1)), "2d"), "interval");
        assertRefused(new FindSegmentSizeOverTime("buyers", from, from.plus(Duration.ofDays(1)), "1D"), "interval");
        assertRefused(new FindSegmentSizeOverTime("buyers", from, from, "1d"), "to");
        assertRefused(new FindSegmentSizeOverTime("buyers", from, from.minusSeconds(1), "1d"), "to");
    }

    private void assertRefused(FindSegmentSizeOverTime query, String field) {
        assertThatThrownBy(() -> sizeOverTime.handle(query))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly(field));
    }

    // ---- previews

    @ParameterizedTest(name = "{0} selects {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // k >= 1: all but i % 4 == 0 (8 of 30)
                "touchpoints(type: purchase, within: 30d) >= 1              | 22",
                // k >= 2 (14), and customer 1 with its absorbed purchase 3 days ago
                "touchpoints(type: purchase, within: 60d) >= 2              | 15",
                "touchpoints(type: purchase) = 0                            | 8",
                "touchpoints(type: return, channel: store, within: 1w) >= 1 | 7",
                "trait(plan) = \"gold\"                                     | 6",
                "trait(city) contains \"tokyo\"                             | 10",
                "trait(age) >= 40                                           | 10",
                "trait(vip) = true                                          | 5",
                // k = 2 (2000), k = 3 (2500), and customer 1 (6000)
                "lifetime_value(JPY) >= 2000                                | 15",
                "lifetime_value(JPY) >= 2500                                | 8",
                "lifetime_value(JPY) = 0                                    | 8",
                // k = 3: 2500 from 3 purchases
                "average_order_value(JPY) < 1000                            | 7",
                "stage(shop) = visit                                        | 5",
                "stage(shop) != signup                                      | 25",
                // the even ones, and customer 1 with customer 30's email
                "has_identifier(email)                                      | 16",
                "segment(vip)                                               | 10",
                "segment(vip) and has_identifier(email)                     | 5",
                // gold: 0, 5, 10, 15 are in buyers (0 left and came back), 20 and 25 never were
                "not segment(buyers) and trait(plan) = \"gold\"             | 2"
            })
    void aPreviewCountsWhomTheRuleSelectsNow(String rule, long size) throws IOException {
        SegmentPreview preview = members.handle(new PreviewSegment(rule, 50));

        assertThat(preview.size()).isEqualTo(size);
        assertThat(preview.sampleCustomerIds()).hasSize((int) size).doesNotContain(ids.get(CUSTOMERS));
    }

    @Test
    void aPreviewSamplesTheMostRecentlyActive() throws IOException {
        SegmentPreview preview = members.handle(new PreviewSegment("segment(vip)", 3));

        assertThat(preview.size()).isEqualTo(10);
        assertThat(preview.sampleCustomerIds()).containsExactlyElementsOf(customers(27, 24, 21));
    }

    @Test
    void anInvalidRuleOrSampleSizeIsRefusedNamingThePart() {
        assertThatThrownBy(() -> members.handle(new PreviewSegment("touchpoint(type: purchase) >= 1", 5)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactly("rule");
                    assertThat(e.getMessage()).contains("column 1").contains("touchpoints");
                });
        assertThatThrownBy(() -> members.handle(new PreviewSegment("segment(vip)", 0)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("sampleSize:");
        assertThatThrownBy(() -> members.handle(new PreviewSegment("segment(vip)", 51)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("sampleSize:");
    }
}
