package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.DefineSegment;
import io.kizuna.api.segment.ScheduleSegmentRecheck;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefinition;
import io.kizuna.api.segment.SegmentEvaluationFinished;
import io.kizuna.api.segment.SegmentRecheckDue;
import io.kizuna.api.segment.SegmentRecheckScheduled;
import io.kizuna.query.live.LiveEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/**
 * The live path of segment membership on the real platform: touchpoints recorded through GraphQL make a customer
 * enter and leave a segment within seconds, recorded on the customer with the segment version and the message that
 * caused it; a rule that time alone can change gets a recheck planned for the exact moment its answer can change; a
 * due recheck has the customer evaluated again and the next one planned; subscribers see entries live.
 *
 * <p>What this test cannot show: a change made by time itself. Rules have day granularity, so time changes an answer
 * only at a UTC midnight (or a whole hour, for windows in hours), and the platform's clock is the real one. So here the
 * planned instant is checked exactly (it is the next UTC midnight), and the recheck path is driven by a recheck asked
 * for two seconds ahead, at which the answer is (correctly) still the same; the change itself, with cause
 * {@code time}, is shown by SegmentMembershipProcessIT (query-side) with a clock it moves past midnight, and its
 * recording by CustomerSegmentsTest.
 */
class SegmentMembershipIT extends PlatformIT {

    private static final Duration LIVE = Duration.ofSeconds(20);

    @Autowired
    CommandGateway commands;

    @Autowired
    LiveEvents liveEvents;

    @Test
    void aCustomerEntersASegmentWithinSecondsOfTheTouchpointThatMakesItMatchAndLeavesOnTheOneThatMakesItNot() {
        String visit = name("visit");
        String complaint = name("complaint");
        String segment = define("touchpoints(type: " + visit + ") >= 1 and touchpoints(type: " + complaint + ") = 0");
        String crm = "S-" + UUID.randomUUID();

        String visited = UUID.randomUUID().toString();
        String customerId = record(crm, visited, visit, Instant.now());
        CustomerEnteredSegment entered = await().atMost(LIVE)
                .until(
                        () -> first(customerId, CustomerEnteredSegment.class, e -> e.segmentId()
                                .equals(segment)),
                        e -> e != null);

        assertThat(entered.segmentVersion()).isEqualTo(1);
        assertThat(entered.causeKind()).isEqualTo("event");
        assertThat(entered.causeMessageId()).isEqualTo(visited);
        assertThat(entered.causePosition()).isNotNull();
        assertThat(Duration.between(recordedAt(customerId, visited), entered.at()))
                .isBetween(Duration.ZERO, Duration.ofSeconds(10));

        String complained = UUID.randomUUID().toString();
        record(crm, complained, complaint, Instant.now());
        CustomerLeftSegment left = await().atMost(LIVE)
                .until(
                        () -> first(customerId, CustomerLeftSegment.class, e -> e.segmentId()
                                .equals(segment)),
                        e -> e != null);

        assertThat(left.segmentVersion()).isEqualTo(1);
        assertThat(left.causeKind()).isEqualTo("event");
        assertThat(left.causeMessageId()).isEqualTo(complained);
        assertThat(left.at()).isAfter(entered.at());
        assertThat(events(customerId, CustomerEnteredSegment.class).stream()
                        .filter(e -> e.segmentId().equals(segment)))
                .hasSize(1);
    }

    @Test
    void aRuleThatTimeAloneCanChangeGetsARecheckAtTheMidnightItsAnswerChanges() {
        UtcDays.awayFromMidnight();
        String visit = name("visit");
        String segment = define("days_since(type: " + visit + ") >= 1");
        Instant occurredAt = Instant.now();

        String customerId = record("S-" + UUID.randomUUID(), UUID.randomUUID().toString(), visit, occurredAt);

        // visited today: 0 days since, not a member; at the next UTC midnight it is 1 day, and the answer changes
        Instant midnight = UtcDays.nextMidnight(occurredAt);
        SegmentRecheckScheduled planned = await().atMost(LIVE)
                .until(() -> first(customerId, SegmentRecheckScheduled.class, e -> true), e -> e != null);
        assertThat(planned.at()).isEqualTo(midnight);
        assertThat(events(customerId, CustomerEnteredSegment.class))
                .noneMatch(e -> e.segmentId().equals(segment));
    }

    @Test
    void aDueRecheckHasTheCustomerEvaluatedAgainAndTheNextRecheckPlanned() {
        UtcDays.awayFromMidnight();
        String visit = name("visit");
        String segment = define("days_since(type: " + visit + ") >= 1");
        Instant occurredAt = Instant.now();
        String customerId = record("S-" + UUID.randomUUID(), UUID.randomUUID().toString(), visit, occurredAt);
        Instant midnight = UtcDays.nextMidnight(occurredAt);
        await().atMost(LIVE).until(() -> first(customerId, SegmentRecheckScheduled.class, e -> true) != null);

        // an earlier recheck replaces the pending one; its deadline (kept in the database) fires two seconds on
        Instant soon = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        commands.sendAndWait(new ScheduleSegmentRecheck(customerId, soon));

        SegmentRecheckDue due =
                await().atMost(LIVE).until(() -> first(customerId, SegmentRecheckDue.class, e -> true), e -> e != null);
        assertThat(due.at()).isEqualTo(soon);
        // the evaluation the due recheck caused found the answer unchanged (still before midnight) and planned the
        // next recheck again: the pending one was used up
        List<Instant> planned = await().atMost(LIVE)
                .until(
                        () -> events(customerId, SegmentRecheckScheduled.class).stream()
                                .map(SegmentRecheckScheduled::at)
                                .toList(),
                        all -> all.size() == 3);
        assertThat(planned).containsExactly(midnight, soon, midnight);
        assertThat(firstSequenceOf(customerId, SegmentRecheckDue.class))
                .isLessThan(lastSequenceOf(customerId, SegmentRecheckScheduled.class));
        assertThat(events(customerId, CustomerEnteredSegment.class))
                .noneMatch(e -> e.segmentId().equals(segment));
    }

    @Test
    void aSubscriberSeesACustomerEnterTheSegmentItFollows() {
        String visit = name("visit");
        String segment = define("touchpoints(type: " + visit + ") >= 1");
        String other = define("touchpoints(type: " + name("other") + ") >= 1");
        List<JsonNode> followed = new CopyOnWriteArrayList<>();
        List<JsonNode> unrelated = new CopyOnWriteArrayList<>();
        WebSocketGraphQlClient ws = WebSocketGraphQlClient.builder(
                        "ws://127.0.0.1:" + port + "/graphql", new StandardWebSocketClient())
                .header("Authorization", TestKeys.bearer(TestKeys.ADMIN))
                .documentSource(new ResourceDocumentSource(
                        List.of(new ClassPathResource("graphql-test/")), ResourceDocumentSource.FILE_EXTENSIONS))
                .build();
        ws.start().block(LIVE);
        Disposable toSegment = subscribe(ws, segment, followed);
        Disposable toOther = subscribe(ws, other, unrelated);
        try {
            String messageId = UUID.randomUUID().toString();
            String customerId = record("S-" + UUID.randomUUID(), messageId, visit, Instant.now());

            JsonNode change = await().atMost(LIVE)
                    .until(
                            () -> followed.stream()
                                    .filter(c -> c.get("customerId").asString().equals(customerId))
                                    .findFirst()
                                    .orElse(null),
                            c -> c != null);
            assertThat(change.get("segmentId").asString()).isEqualTo(segment);
            assertThat(change.get("segmentVersion").asInt()).isEqualTo(1);
            assertThat(change.get("entered").asBoolean()).isTrue();
            assertThat(change.get("causeKind").asString()).isEqualTo("event");
            assertThat(change.get("causeMessageId").asString()).isEqualTo(messageId);
            assertThat(Instant.parse(change.get("at").asString())).isBefore(Instant.now());
            assertThat(unrelated).noneMatch(c -> c.get("customerId").asString().equals(customerId));
        } finally {
            toSegment.dispose();
            toOther.dispose();
            ws.stop().block(LIVE);
        }
    }

    private Disposable subscribe(WebSocketGraphQlClient ws, String segment, List<JsonNode> into) {
        int before = liveEvents.subscribers();
        Disposable subscription = ws.documentName("segmentMembershipChanged")
                .variable("segment", segment)
                .retrieveSubscription("segmentMembershipChanged")
                .toEntity(JsonNode.class)
                .subscribe(into::add);
        // graphql-ws has no "subscribed" acknowledgement: wait until the live feed counts the subscriber
        await().atMost(LIVE).until(() -> liveEvents.subscribers() > before);
        return subscription;
    }

    /**
     * Defines a segment with a fresh id and waits until its background evaluation is done, so that what the test
     * records next is decided by the live path alone.
     */
    private String define(String rule) {
        String id = name("seg");
        commands.sendAndWait(new DefineSegment(new SegmentDefinition(id, "IT " + id, null, rule)));
        await().atMost(Duration.ofSeconds(60)).until(() -> eventStore
                .readEvents(SegmentCatalog.ID)
                .asStream()
                .anyMatch(e -> e.getPayload() instanceof SegmentEvaluationFinished finished
                        && finished.segmentId().equals(id)));
        return id;
    }

    /** Records one touchpoint through the GraphQL mutation; answers the customer's id. */
    private String record(String crm, String messageId, String type, Instant occurredAt) {
        Map<String, Object> touchpoint = new LinkedHashMap<>();
        touchpoint.put("messageId", messageId);
        touchpoint.put("customer", Map.of("type", "crm", "value", crm));
        touchpoint.put("type", type);
        touchpoint.put("channel", "web");
        touchpoint.put("occurredAt", occurredAt.toString());
        JsonNode response = graphql().document("recordTouchpoints", "input", List.of(touchpoint));
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        return response.get("data")
                .get("recordTouchpoints")
                .get("customerIds")
                .get(0)
                .asString();
    }

    private <T> List<T> events(String customerId, Class<T> type) {
        return eventStore
                .readEvents(customerId)
                .asStream()
                .map(e -> e.getPayload())
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private <T> T first(String customerId, Class<T> type, Predicate<T> matching) {
        return events(customerId, type).stream().filter(matching).findFirst().orElse(null);
    }

    private long firstSequenceOf(String customerId, Class<?> type) {
        return eventStore
                .readEvents(customerId)
                .asStream()
                .filter(e -> type.isInstance(e.getPayload()))
                .mapToLong(e -> e.getSequenceNumber())
                .findFirst()
                .orElseThrow();
    }

    private long lastSequenceOf(String customerId, Class<?> type) {
        return eventStore
                .readEvents(customerId)
                .asStream()
                .filter(e -> type.isInstance(e.getPayload()))
                .mapToLong(e -> e.getSequenceNumber())
                .max()
                .orElseThrow();
    }

    private Instant recordedAt(String customerId, String messageId) {
        return eventStore
                .readEvents(customerId)
                .asStream()
                .map(e -> e.getPayload())
                .filter(TouchpointRecorded.class::isInstance)
                .map(TouchpointRecorded.class::cast)
                .filter(t -> t.messageId().equals(messageId))
                .map(TouchpointRecorded::recordedAt)
                .findFirst()
                .orElseThrow();
    }

    private static String name(String what) {
        StringBuilder name = new StringBuilder("it_").append(what).append('_');
        for (int i = 0; i < 8; i++) {
            name.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return name.toString();
    }
}
