package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.customer.TouchpointRecorded;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Replay and time travel over a history with late arrivals, recorded in three batches at moments the test notes
 * ({@code knownAt1}, {@code knownAt2}); business times are days before the test ({@code day(n)}: n days ago):
 *
 * <ol>
 *   <li>GraphQL: m1 purchase 100 JPY on day 10, m2 web visit on day 8;
 *   <li>GraphQL: m3 store visit 50 JPY on day 12 and m4 purchase 30 JPY on day 5 (m3 arrives late: it happened
 *       before everything known so far); then a trait update plan=gold;
 *   <li>Segment HTTP intake: m5 "Order Completed" 20 JPY on day 3.
 * </ol>
 */
class CustomerHistoryIT extends PlatformIT {

    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** The story above, recorded once for all tests of the class. */
    private static Story story;

    private record Story(
            String customerId,
            String sourceId,
            Instant beforeAll,
            Instant knownAt1,
            Instant knownAt2,
            List<String> messageIds) {}

    private static Instant day(int daysAgo) {
        return BASE.minus(Duration.ofDays(daysAgo));
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Now, to the millisecond: the precision of stored recorded times and of DateTime in responses. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void pause() {
        try {
            Thread.sleep(25); // recorded times are stored with millisecond precision
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> touchpoint(
            String messageId, String customer, String type, String channel, Instant at, String jpy) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("messageId", messageId);
        input.put("customer", Map.of("type", "userId", "value", customer));
        input.put("type", type);
        input.put("channel", channel);
        input.put("occurredAt", at.toString());
        if (jpy != null) {
            input.put("value", Map.of("amount", jpy, "currency", "JPY"));
        }
        return input;
    }

    private JsonNode record(List<Map<String, Object>> input) {
        JsonNode response = graphql().document("recordTouchpoints", "input", input);
        assertThat(response.get("errors")).as(response.toString()).isNull();
        return response.get("data").get("recordTouchpoints");
    }

    private synchronized Story story() {
        if (story != null) {
            return story;
        }
        String user = id("u");
        String m1 = id("m1");
        String m2 = id("m2");
        String m3 = id("m3");
        String m4 = id("m4");
        String m5 = id("m5");
        Instant beforeAll = now();
        pause();
        String customerId = record(List.of(
                        touchpoint(m1, user, "purchase", "store", day(10), "100"),
                        touchpoint(m2, user, "web_visit", "web", day(8), null)))
                .get("customerIds")
                .get(0)
                .asString();
        pause();
        Instant knownAt1 = now();
        pause();
        record(List.of(
                touchpoint(m3, user, "store_visit", "store", day(12), "50"),
                touchpoint(m4, user, "purchase", "web", day(5), "30")));
        JsonNode traits = graphql()
                .document(
                        "updateTraits",
                        "input",
                        Map.of("customer", Map.of("type", "userId", "value", user), "traits", Map.of("plan", "gold")));
        assertThat(traits.get("errors")).as(traits.toString()).isNull();
        pause();
        Instant knownAt2 = now();
        pause();
        JsonNode created =
                graphql().document("createSource", "name", "pos").get("data").get("createSource");
        String sourceId = created.get("source").get("id").asString();
        SegmentHttp.Answer answer = new SegmentHttp(port)
                .postBasic(
                        "/v1/track",
                        created.get("writeKey").asString(),
                        """
                        {"messageId": "%s", "userId": "%s", "event": "Order Completed", "timestamp": "%s",
                         "properties": {"revenue": 20, "currency": "JPY"}}
                        """
                                .formatted(m5, user, day(3)));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        story = new Story(customerId, sourceId, beforeAll, knownAt1, knownAt2, List.of(m1, m2, m3, m4, m5));
        return story;
    }

    // ---- reading helpers

    private JsonNode historyPage(
            String customerId, int first, String after, Object from, Object to, List<String> types) {
        JsonNode response = graphql()
                .document(
                        "customerHistory",
                        "id",
                        customerId,
                        "first",
                        first,
                        "after",
                        after,
                        "from",
                        from == null ? null : from.toString(),
                        "to",
                        to == null ? null : to.toString(),
                        "types",
                        types);
        assertThat(response.get("errors")).as(response.toString()).isNull();
        return response.get("data").get("customerHistory");
    }

    private static List<JsonNode> nodes(JsonNode connection) {
        List<JsonNode> nodes = new ArrayList<>();
        connection.get("edges").forEach(edge -> nodes.add(edge.get("node")));
        return nodes;
    }

    private List<JsonNode> wholeHistory(String customerId) {
        return nodes(historyPage(customerId, 100, null, null, null, null));
    }

    private JsonNode asOf(String customerId, Instant knownAt, Instant occurredBy) {
        JsonNode response = graphql()
                .document(
                        "customerAsOf",
                        "id",
                        customerId,
                        "knownAt",
                        knownAt == null ? null : knownAt.toString(),
                        "occurredBy",
                        occurredBy == null ? null : occurredBy.toString());
        assertThat(response.get("errors")).as(response.toString()).isNull();
        return response.get("data").get("customerAsOf");
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asString());
    }

    private static Map<String, Long> counts(JsonNode counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        counts.forEach(c -> map.put(c.get("key").asString(), c.get("count").asLong()));
        return map;
    }

    private static String jpy(JsonNode snapshot) {
        JsonNode value = snapshot.get("lifetimeValue");
        assertThat(value).hasSize(1);
        assertThat(value.get(0).get("currency").asString()).isEqualTo("JPY");
        return value.get(0).get("amount").decimalValue().stripTrailingZeros().toPlainString();
    }

    /** model → stage of the customer's last stage entry per model among the history's events that pass. */
    private static Map<String, String> stagesFromHistory(List<JsonNode> history, Predicate<JsonNode> passes) {
        Map<String, String> stages = new LinkedHashMap<>();
        for (JsonNode e : history) {
            if (!e.get("absorbed").asBoolean()
                    && e.get("type").asString().equals("JourneyStageEntered")
                    && passes.test(e)) {
                stages.put(
                        e.get("payload").get("model").asString(),
                        e.get("payload").get("to").asString());
            }
        }
        return stages;
    }

    private static Map<String, String> stages(JsonNode snapshot) {
        Map<String, String> stages = new LinkedHashMap<>();
        snapshot.get("stages")
                .forEach(s ->
                        stages.put(s.get("model").asString(), s.get("stage").asString()));
        return stages;
    }

    private static Predicate<JsonNode> passing(Instant knownAt, Instant occurredBy) {
        return e -> {
            Instant recorded = instant(e.get("recordedAt"));
            Instant business = instant(e.get("occurredAt"));
            Instant time = business != null ? business : recorded;
            return (knownAt == null || !recorded.isAfter(knownAt)) && (occurredBy == null || !time.isAfter(occurredBy));
        };
    }

    private static String messageId(JsonNode event) {
        return event.get("payload").get("messageId").asString();
    }

    // ---- replay

    @Test
    void historyListsEveryStoredEventInOrderWithTypesRevisionsTimesAndCausation() {
        Story s = story();
        // segment evaluations may add events to the customer at any time: the history lies between two counts
        long storedBefore = storedEvents(s.customerId());
        List<JsonNode> history = wholeHistory(s.customerId());
        long storedAfter = storedEvents(s.customerId());

        assertThat((long) history.size()).isBetween(storedBefore, storedAfter);
        assertThat(history.get(0).get("type").asString()).isEqualTo("CustomerRegistered");
        for (int i = 0; i < history.size(); i++) {
            JsonNode e = history.get(i);
            assertThat(e.get("customerId").asString()).isEqualTo(s.customerId());
            assertThat(e.get("absorbed").asBoolean()).isFalse();
            assertThat(e.get("sequence").asLong()).isEqualTo(i);
            assertThat(e.get("revision").isNull()).isFalse();
            assertThat(e.get("hash").asString()).matches("(|[0-9a-f]{64})");
            if (i > 0) {
                assertThat(e.get("position").asLong())
                        .isGreaterThan(history.get(i - 1).get("position").asLong());
            }
            assertThat(e.get("causation").get("correlationId").asString()).isNotBlank();
        }

        List<JsonNode> touchpoints = history.stream()
                .filter(e -> e.get("type").asString().equals("TouchpointRecorded"))
                .toList();
        assertThat(touchpoints).extracting(CustomerHistoryIT::messageId).containsExactlyElementsOf(s.messageIds());
        String revision = TouchpointRecorded.class.getAnnotation(Revision.class).value();
        Map<String, Instant> businessTimes = Map.of(
                s.messageIds().get(0),
                day(10),
                s.messageIds().get(1),
                day(8),
                s.messageIds().get(2),
                day(12),
                s.messageIds().get(3),
                day(5),
                s.messageIds().get(4),
                day(3));
        for (JsonNode t : touchpoints) {
            assertThat(t.get("revision").asString()).isEqualTo(revision);
            assertThat(instant(t.get("occurredAt"))).isEqualTo(businessTimes.get(messageId(t)));
        }
        JsonNode registered = history.get(0);
        assertThat(registered.get("occurredAt").isNull()).isTrue();
        assertThat(registered.get("payload").get("identifier").get("type").asString())
                .isEqualTo("userId");

        // recorded times separate the batches
        List<Instant> recorded =
                touchpoints.stream().map(t -> instant(t.get("recordedAt"))).toList();
        assertThat(recorded.get(1)).isBeforeOrEqualTo(s.knownAt1());
        assertThat(recorded.get(2)).isAfter(s.knownAt1()).isBeforeOrEqualTo(s.knownAt2());
        assertThat(recorded.get(3)).isBeforeOrEqualTo(s.knownAt2());
        assertThat(recorded.get(4)).isAfter(s.knownAt2());

        // causation: one request id per GraphQL operation or HTTP request; the actor; the source where known
        JsonNode first = touchpoints.get(0).get("causation");
        JsonNode second = touchpoints.get(1).get("causation");
        JsonNode late = touchpoints.get(2).get("causation");
        JsonNode segment = touchpoints.get(4).get("causation");
        assertThat(first.get("actor").asString()).isEqualTo("graphql:anonymous");
        assertThat(first.get("requestId").asString())
                .isNotBlank()
                .isEqualTo(second.get("requestId").asString());
        assertThat(registered.get("causation").get("requestId").asString())
                .isEqualTo(first.get("requestId").asString());
        assertThat(late.get("requestId").asString())
                .isNotEqualTo(first.get("requestId").asString());
        assertThat(first.has("sourceId")).isFalse();
        assertThat(segment.get("actor").asString()).isEqualTo("source:" + s.sourceId());
        assertThat(segment.get("sourceId").asString()).isEqualTo(s.sourceId());
        assertThat(segment.get("requestId").asString()).isNotBlank();
        JsonNode traits = history.stream()
                .filter(e -> e.get("type").asString().equals("TraitsChanged"))
                .findFirst()
                .orElseThrow();
        assertThat(traits.get("causation").get("actor").asString()).isEqualTo("graphql:anonymous");
        assertThat(traits.get("payload").get("set").get("plan").asString()).isEqualTo("gold");
        assertThat(traits.get("occurredAt").isNull()).isTrue();
    }

    @Test
    void pagesOfTheHistoryJoinUpToTheWholeHistory() {
        Story s = story();
        List<JsonNode> before = wholeHistory(s.customerId());

        List<Long> paged = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        int pages = 0;
        JsonNode page;
        do {
            page = historyPage(s.customerId(), 3, after, null, null, null);
            assertThat(page.get("totalCount").asInt()).isGreaterThanOrEqualTo(before.size());
            assertThat(page.get("edges").size()).isLessThanOrEqualTo(3);
            page.get("edges").forEach(edge -> {
                paged.add(edge.get("node").get("position").asLong());
                cursors.add(edge.get("cursor").asString());
            });
            after = page.get("pageInfo").get("endCursor").asString();
            pages++;
        } while (page.get("pageInfo").get("hasNextPage").asBoolean());
        // events added meanwhile (segment evaluations) come last: the pages are the history as it stood at the end
        List<JsonNode> whole = wholeHistory(s.customerId()).subList(0, paged.size());

        assertThat(paged)
                .containsExactlyElementsOf(
                        whole.stream().map(e -> e.get("position").asLong()).toList());
        assertThat(paged.size()).isGreaterThanOrEqualTo(before.size());
        assertThat(cursors).hasSize(paged.size());
        assertThat(pages).isEqualTo((paged.size() + 2) / 3);
    }

    private long storedEvents(String customerId) {
        long stored = 0;
        DomainEventStream stream = eventStore.readEvents(customerId, 0);
        while (stream.hasNext()) {
            stream.next();
            stored++;
        }
        return stored;
    }

    @Test
    void typesAndTimesFilterTheHistory() {
        Story s = story();

        JsonNode touchpoints = historyPage(s.customerId(), 100, null, null, null, List.of("TouchpointRecorded"));
        assertThat(touchpoints.get("totalCount").asInt()).isEqualTo(5);
        assertThat(nodes(touchpoints))
                .extracting(CustomerHistoryIT::messageId)
                .containsExactlyElementsOf(s.messageIds());

        // business time where the event has one: days 11 (inclusive) to 7 (exclusive) hold m1 (day 10), m2 (day 8)
        JsonNode window = historyPage(s.customerId(), 100, null, day(11), day(7), List.of("TouchpointRecorded"));
        assertThat(nodes(window))
                .extracting(CustomerHistoryIT::messageId)
                .containsExactly(s.messageIds().get(0), s.messageIds().get(1));
        JsonNode anyType = historyPage(s.customerId(), 100, null, day(11), day(7), null);
        for (JsonNode e : nodes(anyType)) {
            Instant at = instant(e.get("occurredAt"));
            assertThat(at).as(e.toString()).isNotNull().isBetween(day(11), day(7).minusMillis(1));
        }

        // else recorded time: since day 4 come m5 (day 3) and everything without business time (all recorded now)
        List<JsonNode> recent = nodes(historyPage(s.customerId(), 100, null, day(4), null, null));
        assertThat(recent)
                .filteredOn(e -> e.get("type").asString().equals("TouchpointRecorded"))
                .extracting(CustomerHistoryIT::messageId)
                .containsExactly(s.messageIds().get(4));
        assertThat(recent).extracting(e -> e.get("type").asString()).contains("CustomerRegistered", "TraitsChanged");
    }

    @Test
    void badArgumentsAndUnknownCustomersAreRefusedWithTheirCodes() {
        Story s = story();

        JsonNode tooMany = graphql().document("customerHistory", "id", s.customerId(), "first", 101);
        JsonNode notACursor = graphql().document("customerHistory", "id", s.customerId(), "after", "garbage");
        JsonNode unknown =
                graphql().document("customerHistory", "id", UUID.randomUUID().toString());
        JsonNode unknownAsOf =
                graphql().document("customerAsOf", "id", UUID.randomUUID().toString());

        assertThat(tooMany.get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(tooMany.get("errors").get(0).get("extensions").get("field").asString())
                .isEqualTo("first");
        assertThat(notACursor
                        .get("errors")
                        .get(0)
                        .get("extensions")
                        .get("field")
                        .asString())
                .isEqualTo("after");
        assertThat(unknown.get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("NOT_FOUND");
        assertThat(unknownAsOf
                        .get("errors")
                        .get(0)
                        .get("extensions")
                        .get("code")
                        .asString())
                .isEqualTo("NOT_FOUND");
    }

    // ---- time travel

    @Test
    void knownAtShowsTheCustomerAsThePlatformKnewIt() {
        Story s = story();
        List<JsonNode> history = wholeHistory(s.customerId());

        JsonNode atFirst = asOf(s.customerId(), s.knownAt1(), null);
        JsonNode atSecond = asOf(s.customerId(), s.knownAt2(), null);

        assertThat(instant(atFirst.get("knownAt"))).isEqualTo(s.knownAt1());
        assertThat(atFirst.get("touchpointCount").asInt()).isEqualTo(2);
        assertThat(counts(atFirst.get("countsByType"))).isEqualTo(Map.of("purchase", 1L, "web_visit", 1L));
        assertThat(jpy(atFirst)).isEqualTo("100");
        assertThat(instant(atFirst.get("firstSeenAt"))).isEqualTo(day(10));
        assertThat(instant(atFirst.get("lastSeenAt"))).isEqualTo(day(8));
        assertThat(atFirst.get("identifiers")).hasSize(1);
        assertThat(atFirst.get("traits")).isEmpty();
        assertThat(stages(atFirst)).isEqualTo(stagesFromHistory(history, passing(s.knownAt1(), null)));

        assertThat(atSecond.get("touchpointCount").asInt()).isEqualTo(4);
        assertThat(counts(atSecond.get("countsByType")))
                .isEqualTo(Map.of("purchase", 2L, "web_visit", 1L, "store_visit", 1L));
        assertThat(jpy(atSecond)).isEqualTo("180");
        assertThat(instant(atSecond.get("firstSeenAt"))).isEqualTo(day(12)); // the late store visit
        assertThat(instant(atSecond.get("lastSeenAt"))).isEqualTo(day(5));
        assertThat(atSecond.get("traits").get("plan").asString()).isEqualTo("gold");
        assertThat(stages(atSecond)).isEqualTo(stagesFromHistory(history, passing(s.knownAt2(), null)));
        // memberships as the platform knew them then: none entered after knownAt
        atSecond.get("segments")
                .forEach(m -> assertThat(instant(m.get("since"))).isBeforeOrEqualTo(s.knownAt2()));
        assertThat(atSecond.get("consents")).isEmpty();

        assertThat(asOf(s.customerId(), s.beforeAll(), null).isNull()).isTrue();
    }

    @Test
    void occurredByShowsWhatHadHappenedByThenAsKnownNow() {
        Story s = story();
        List<JsonNode> history = wholeHistory(s.customerId());

        JsonNode byDay9 = asOf(s.customerId(), null, day(9));

        // m3 (day 12, recorded late) and m1 (day 10); registration and traits happen when recorded (now)
        assertThat(instant(byDay9.get("occurredBy"))).isEqualTo(day(9));
        assertThat(byDay9.get("touchpointCount").asInt()).isEqualTo(2);
        assertThat(counts(byDay9.get("countsByType"))).isEqualTo(Map.of("store_visit", 1L, "purchase", 1L));
        assertThat(jpy(byDay9)).isEqualTo("150");
        assertThat(instant(byDay9.get("firstSeenAt"))).isEqualTo(day(12));
        assertThat(instant(byDay9.get("lastSeenAt"))).isEqualTo(day(10));
        assertThat(byDay9.get("identifiers")).isEmpty();
        assertThat(byDay9.get("traits")).isEmpty();
        assertThat(stages(byDay9)).isEqualTo(stagesFromHistory(history, passing(null, day(9))));

        assertThat(asOf(s.customerId(), null, day(20)).isNull()).isTrue();
    }

    @Test
    void bothAxesTogetherCountOnlyEventsPassingBoth() {
        Story s = story();
        List<JsonNode> history = wholeHistory(s.customerId());

        JsonNode firstBatchByDay9 = asOf(s.customerId(), s.knownAt1(), day(9));
        JsonNode twoBatchesByDay6 = asOf(s.customerId(), s.knownAt2(), day(6));

        assertThat(firstBatchByDay9.get("touchpointCount").asInt()).isEqualTo(1);
        assertThat(counts(firstBatchByDay9.get("countsByType"))).isEqualTo(Map.of("purchase", 1L));
        assertThat(jpy(firstBatchByDay9)).isEqualTo("100");
        assertThat(stages(firstBatchByDay9)).isEqualTo(stagesFromHistory(history, passing(s.knownAt1(), day(9))));
        assertThat(twoBatchesByDay6.get("touchpointCount").asInt()).isEqualTo(3);
        assertThat(counts(twoBatchesByDay6.get("countsByType")))
                .isEqualTo(Map.of("purchase", 1L, "web_visit", 1L, "store_visit", 1L));
        assertThat(jpy(twoBatchesByDay6)).isEqualTo("150");
        assertThat(stages(twoBatchesByDay6)).isEqualTo(stagesFromHistory(history, passing(s.knownAt2(), day(6))));
        // known at the first batch, nothing had happened by day 11 (m3 of day 12 was not known yet)
        assertThat(asOf(s.customerId(), s.knownAt1(), day(11)).isNull()).isTrue();
    }

    @Test
    void withoutLimitsTheSnapshotIsTheLiveProfile() {
        Story s = story();
        assertSnapshotIsLiveProfile(s.customerId());
        JsonNode now = asOf(s.customerId(), null, null);
        assertThat(now.get("touchpointCount").asInt()).isEqualTo(5);
        assertThat(jpy(now)).isEqualTo("200");
    }

    /**
     * The snapshot without limits equals the live profile read at the same sequence, field by field for the fields
     * both have. Retried: segment evaluations may add an event between the two reads.
     */
    private void assertSnapshotIsLiveProfile(String customerId) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> compareSnapshotWithLiveProfile(customerId));
    }

    private void compareSnapshotWithLiveProfile(String customerId) {
        List<JsonNode> history = wholeHistory(customerId);
        long lastOwn = history.stream()
                .filter(e -> !e.get("absorbed").asBoolean())
                .mapToLong(e -> e.get("sequence").asLong())
                .max()
                .orElseThrow();
        String token = new ConsistencyToken(Map.of(customerId, lastOwn)).encode();
        JsonNode liveResponse = graphql().document("customerLiveProfile", "id", customerId, "token", token);
        assertThat(liveResponse.get("extensions").get("consistency").asString()).isEqualTo("REACHED");
        JsonNode live = liveResponse.get("data").get("customer");

        JsonNode snapshot = asOf(customerId, null, null);

        assertThat(snapshot.get("lastSequence").asLong()).isEqualTo(lastOwn);
        for (String field : List.of(
                "id",
                "identifiers",
                "traits",
                "firstSeenAt",
                "lastSeenAt",
                "touchpointCount",
                "countsByType",
                "countsByChannel",
                "lifetimeValue",
                "accounts",
                "stages",
                "segments")) {
            assertThat(snapshot.get(field)).as(field).isEqualTo(live.get(field));
        }
        List<String> liveMergedFrom = new ArrayList<>();
        live.get("mergedFrom").forEach(c -> liveMergedFrom.add(c.get("id").asString()));
        List<String> snapshotMergedFrom = new ArrayList<>();
        snapshot.get("mergedFrom").forEach(c -> snapshotMergedFrom.add(c.asString()));
        assertThat(snapshotMergedFrom).isEqualTo(liveMergedFrom);
        assertThat(snapshot.get("mergedInto").isNull())
                .isEqualTo(live.get("mergedInto").isNull());
    }

    // ---- merges

    @Test
    void aSurvivorsHistoryIncludesTheAbsorbedCustomersEventsMarkedAsSuch() {
        String user = id("u");
        String anonB = id("anon");
        String anonC = id("anon");
        String a = record(List.of(touchpoint(id("ma"), user, "purchase", "web", day(6), "10")))
                .get("customerIds")
                .get(0)
                .asString();
        String b = recordAs("anonymousId", anonB, id("mb"), day(7), "20");
        String c = recordAs("anonymousId", anonC, id("mc"), day(9), "40");
        merge(b, c);
        pause();
        Instant betweenMerges = now();
        pause();
        merge(a, b);

        List<JsonNode> history = wholeHistory(a);

        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).get("position").asLong())
                    .isGreaterThan(history.get(i - 1).get("position").asLong());
        }
        assertThat(history)
                .filteredOn(e -> e.get("customerId").asString().equals(a))
                .allSatisfy(e -> assertThat(e.get("absorbed").asBoolean()).isFalse());
        for (String absorbed : List.of(b, c)) {
            List<JsonNode> theirs = history.stream()
                    .filter(e -> e.get("customerId").asString().equals(absorbed))
                    .toList();
            assertThat(theirs)
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.get("absorbed").asBoolean()).isTrue());
            assertThat(theirs.get(0).get("type").asString()).isEqualTo("CustomerRegistered");
            JsonNode merged = theirs.get(theirs.size() - 1);
            assertThat(merged.get("type").asString()).isEqualTo("CustomerMergedInto");
            assertThat(merged.get("payload").get("cause").get("reason").asString())
                    .isEqualTo("same person");
            assertThat(merged.get("causation").get("actor").asString()).isEqualTo("graphql:anonymous");
            assertThat(merged.get("causation").get("requestId").asString()).isNotBlank();
        }
        assertThat(history)
                .filteredOn(e -> e.get("type").asString().equals("CustomerAbsorbed"))
                .extracting(e -> e.get("customerId").asString() + "<-"
                        + e.get("payload").get("absorbedId").asString())
                .containsExactly(b + "<-" + c, a + "<-" + b);
        assertThat(history)
                .filteredOn(e -> e.get("type").asString().equals("TouchpointRecorded"))
                .hasSize(3);

        // a merged-away customer's id gives its own history (with what it had absorbed)
        List<JsonNode> ofB = wholeHistory(b);
        List<JsonNode> bOwn = ofB.stream()
                .filter(e -> e.get("customerId").asString().equals(b))
                .toList();
        assertThat(bOwn)
                .allSatisfy(e -> assertThat(e.get("absorbed").asBoolean()).isFalse());
        assertThat(bOwn.get(bOwn.size() - 1).get("type").asString()).isEqualTo("CustomerMergedInto");
        assertThat(ofB).noneMatch(e -> e.get("customerId").asString().equals(a));

        // time travel follows the merges
        JsonNode now = asOf(a, null, null);
        JsonNode beforeSecondMerge = asOf(a, betweenMerges, null);
        JsonNode bBeforeItsMerge = asOf(b, betweenMerges, null);
        assertThat(now.get("touchpointCount").asInt()).isEqualTo(3);
        assertThat(jpy(now)).isEqualTo("70");
        assertThat(now.get("mergedFrom")).extracting(JsonNode::asString).containsExactlyInAnyOrder(b, c);
        assertThat(beforeSecondMerge.get("touchpointCount").asInt()).isEqualTo(1);
        assertThat(beforeSecondMerge.get("mergedFrom")).isEmpty();
        assertThat(bBeforeItsMerge.get("touchpointCount").asInt()).isEqualTo(2);
        assertThat(bBeforeItsMerge.get("mergedInto").isNull()).isTrue();
        assertThat(asOf(b, null, null).get("mergedInto").asString()).isEqualTo(a);
        assertSnapshotIsLiveProfile(a);
    }

    private String recordAs(String type, String value, String messageId, Instant at, String jpy) {
        Map<String, Object> input = touchpoint(messageId, value, "web_visit", "web", at, jpy);
        input.put("customer", Map.of("type", type, "value", value));
        return record(List.of(input)).get("customerIds").get(0).asString();
    }

    private void merge(String survivorId, String absorbedId) {
        JsonNode merged = graphql()
                .document(
                        "mergeCustomers", "survivorId", survivorId, "absorbedId", absorbedId, "reason", "same person");
        assertThat(merged.get("errors")).as(merged.toString()).isNull();
        assertThat(merged.get("data").get("mergeCustomers").get("merged").asBoolean())
                .isTrue();
    }
}
