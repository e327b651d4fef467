package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.SegmentRecheckScheduled;
import io.kizuna.projection.customer.CustomerViewProjection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Segments end to end on the real platform: a segment defined after its customers exist is evaluated over everyone
 * in the background (progress through {@code Segment.evaluation}) and each member records its entry with cause
 * {@code definition}; a stricter version makes some leave; invalid rules and cycles are refused with the part at
 * fault; the built-in segments are listed; a preview counts and samples before saving.
 *
 * <p>The platform is shared with other tests: every customer here carries a campaign of its own, and every rule
 * counts only that campaign.
 */
class SegmentsIT extends PlatformIT {

    private static final Duration WAIT = Duration.ofSeconds(100);

    @Autowired
    EventProcessingConfiguration processing;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String campaign = "seg_" + run;

    @Test
    void aSegmentDefinedAfterItsCustomersIsEvaluatedInTheBackgroundAndAStricterVersionMakesSomeLeave() {
        String three = customerWithPurchases("three", 3);
        String two = customerWithPurchases("two", 2);
        String one = customerWithPurchases("one", 1);
        String visitor = record("visitor", "web_visit", 1);
        awaitLiveProcessesCaughtUp();

        String id = "it_buyers_" + run;
        JsonNode v1 = define(id, "Buyers " + run, "touchpoints(type: purchase, campaign: \"" + campaign + "\") >= 2");
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v1.get("builtIn").asBoolean()).isFalse();
        assertThat(v1.get("ruleJson").get("touchpoints").get("count").asInt()).isEqualTo(2);

        JsonNode evaluation = awaitEvaluationDone(id, 1);
        assertThat(evaluation.get("done").asLong())
                .isEqualTo(evaluation.get("total").asLong());
        assertThat(evaluation.get("total").asLong()).isEqualTo(2);
        assertThat(evaluation.get("startedAt").isNull()).isFalse();
        JsonNode segment = awaitSize(id, 2);
        assertThat(memberIds(segment)).containsExactlyInAnyOrder(three, two);
        assertThat(segment.get("members").get("totalCount").asInt()).isEqualTo(2);
        for (String member : List.of(three, two)) {
            CustomerEnteredSegment entered = entered(member, id).orElseThrow();
            assertThat(entered.causeKind()).isEqualTo("definition");
            assertThat(entered.segmentVersion()).isEqualTo(1);
        }
        assertThat(entered(one, id)).isEmpty();
        assertThat(entered(visitor, id)).isEmpty();
        awaitCustomerInSegment(three, id, 1);

        JsonNode v2 = define(id, "Buyers " + run, "touchpoints(type: purchase, campaign: \"" + campaign + "\") >= 3");
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        awaitEvaluationDone(id, 2);
        JsonNode stricter = awaitSize(id, 1);
        assertThat(memberIds(stricter)).containsExactly(three);
        List<CustomerLeftSegment> left = left(two, id);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).causeKind()).isEqualTo("definition");
        assertThat(left.get(0).segmentVersion()).isEqualTo(2);
        assertThat(left(three, id)).isEmpty();
    }

    @Test
    void aSegmentReferringToAChangedOneFollowsIt() {
        String three = customerWithPurchases("d3", 3);
        String two = customerWithPurchases("d2", 2);
        awaitLiveProcessesCaughtUp();
        String base = "it_base_" + run;
        String dependent = "it_dependent_" + run;
        define(base, "Base", "touchpoints(type: purchase, campaign: \"" + campaign + "\") >= 2");
        awaitSize(base, 2);
        define(dependent, "Dependent", "segment(" + base + ") and touchpoints(campaign: \"" + campaign + "\") >= 1");
        awaitEvaluationDone(dependent, 1);
        assertThat(memberIds(awaitSize(dependent, 2))).containsExactlyInAnyOrder(three, two);

        define(base, "Base", "touchpoints(type: purchase, campaign: \"" + campaign + "\") >= 3");

        assertThat(memberIds(awaitSize(dependent, 1))).containsExactly(three);
        assertThat(left(two, dependent)).hasSize(1);
    }

    @Test
    void definingTheSameSegmentAgainChangesNothing() {
        String id = "it_same_" + run;
        String rule = "touchpoints(type: purchase, campaign: \"" + campaign + "\") >= 1";
        define(id, "Same " + run, rule);
        JsonNode again =
                define(id, "Same " + run, "touchpoints( campaigns: \"" + campaign + "\", type: purchase ) >= 1");

        assertThat(again.get("version").asInt()).isEqualTo(1);
        assertThat(again.get("rule").asString()).isEqualTo(rule);
    }

    @Test
    void anInvalidRuleIsRefusedNamingTheFieldAndTheColumn() {
        JsonNode response = graphql()
                .document(
                        "defineSegment",
                        "input",
                        input("it_bad_" + run, "Bad", "touchpoints(type: purchase) and consent(email_marketing)"));

        JsonNode error = response.get("errors").get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("extensions").get("field").asString()).isEqualTo("input.rule");
        assertThat(error.get("message").asString()).contains("column 29").contains("expected a comparison");
        assertThat(segment("it_bad_" + run).isNull()).isTrue();
    }

    @Test
    void aCycleOfSegmentsIsRefusedNamingIt() {
        String a = "it_cycle_a_" + run;
        String b = "it_cycle_b_" + run;
        define(a, "A", "touchpoints(campaign: \"" + campaign + "\") >= 1");
        define(b, "B", "segment(" + a + ") and consent(email_marketing)");

        JsonNode response = graphql().document("defineSegment", "input", input(a, "A", "segment(" + b + ")"));

        JsonNode error = response.get("errors").get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("extensions").get("field").asString()).isEqualTo("input.rule");
        assertThat(error.get("message").asString()).contains(a + " → " + b + " → " + a);
    }

    @Test
    void theBuiltInSegmentsAreListed() {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        graphql()
                .document("segments")
                .get("data")
                .get("segments")
                .forEach(s -> byId.put(s.get("id").asString(), s));

        assertThat(byId)
                .containsKeys(
                        "new_customers",
                        "existing_customers",
                        "frequent_buyers",
                        "at_risk",
                        "churned",
                        "stage_acquisition_awareness",
                        "stage_engagement",
                        "stage_conversion",
                        "stage_retention_loyalty");
        assertThat(byId.get("new_customers").get("rule").asString()).isEqualTo("first_seen(within: 30d)");
        assertThat(byId.get("frequent_buyers").get("rule").asString())
                .isEqualTo("touchpoints(type: (purchase, order_completed), within: 90d) >= 3");
        assertThat(byId.get("stage_conversion").get("rule").asString()).isEqualTo("stage(four_stage) = conversion");
        assertThat(byId.get("churned").get("builtIn").asBoolean()).isTrue();
    }

    @Test
    void aPreviewCountsAndSamplesWithoutSaving() {
        String three = customerWithPurchases("p3", 3);
        String one = customerWithPurchases("p1", 1);
        record("pv", "web_visit", 2);
        String rule = "touchpoints(type: purchase, campaign: \"" + campaign + "\") >= 1";

        JsonNode[] preview = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode response = graphql().document("previewSegment", "rule", rule);
            assertThat(response.get("errors")).as("errors of %s", response).isNull();
            preview[0] = response.get("data").get("previewSegment");
            assertThat(preview[0].get("size").asInt()).isEqualTo(2);
        });
        List<String> sample = new ArrayList<>();
        preview[0].get("sample").forEach(c -> sample.add(c.get("id").asString()));
        assertThat(sample).containsExactlyInAnyOrder(three, one);

        JsonNode invalid = graphql().document("previewSegment", "rule", "touchpoints(within: 11y) >= 1");
        JsonNode error = invalid.get("errors").get(0);
        assertThat(error.get("extensions").get("field").asString()).isEqualTo("rule");
        assertThat(error.get("message").asString()).contains("too expensive").contains("column 1");
    }

    /**
     * The two paths that decide membership, the live one (after each change) and the background one (over everyone,
     * for a new segment), give the same members on one generated population, and both the known answer: the same rule
     * is defined once before the customers exist (so the live path decides) and once after (so the background
     * evaluation decides). The rule mixes a window count, an all-time count, a recency and not.
     */
    @Test
    void theLiveAndTheBackgroundPathGiveTheSameMembersOnAGeneratedPopulation() {
        String buy = "eq_buy_" + run;
        String visit = "eq_visit_" + run;
        String complain = "eq_complain_" + run;
        String rule = "touchpoints(type: " + buy + ", within: 30d) >= 2 or (touchpoints(type: " + visit
                + ") >= 3 and not days_since(type: " + complain + ") < 14)";
        String live = "it_live_" + run;
        define(live, "Live " + run, rule);
        awaitEvaluationDone(live, 1);

        // days ago, each at least two days from the rule's 14- and 30-day boundaries
        int[] daysAgo = {1, 3, 8, 20, 45};
        java.util.Random random = new java.util.Random(42);
        Set<String> expected = new TreeSet<>();
        Set<String> everyone = new TreeSet<>();
        Instant now = Instant.now();
        for (int c = 0; c < 40; c++) {
            List<Map<String, Object>> touchpoints = new ArrayList<>();
            int buysIn30 = 0;
            int visits = 0;
            boolean recentComplaint = false;
            for (int i = random.nextInt(7); i > 0; i--) {
                String type = List.of(buy, visit, complain).get(random.nextInt(3));
                int ago = daysAgo[random.nextInt(daysAgo.length)];
                buysIn30 += type.equals(buy) && ago < 30 ? 1 : 0;
                visits += type.equals(visit) ? 1 : 0;
                recentComplaint |= type.equals(complain) && ago < 14;
                touchpoints.add(touchpoint("eq" + c, type, now.minus(Duration.ofDays(ago))));
            }
            touchpoints.add(touchpoint("eq" + c, "eq_other_" + run, now)); // everyone has a profile
            String customerId = send(touchpoints);
            everyone.add(customerId);
            if (buysIn30 >= 2 || (visits >= 3 && !recentComplaint)) {
                expected.add(customerId);
            }
        }
        assertThat(expected).as("the population has members and non-members").isNotEmpty();
        assertThat(expected).isNotEqualTo(everyone);
        awaitLiveProcessesCaughtUp();
        assertThat(memberIds(awaitSize(live, expected.size()))).isEqualTo(expected);

        String background = "it_background_" + run;
        define(background, "Background " + run, rule);
        awaitEvaluationDone(background, 1);

        assertThat(memberIds(awaitSize(background, expected.size()))).isEqualTo(expected);
        for (String member : expected) {
            assertThat(entered(member, live).orElseThrow().causeKind()).isEqualTo("event");
            assertThat(entered(member, background).orElseThrow().causeKind()).isEqualTo("definition");
        }
    }

    /**
     * A segment that time alone can change, defined after its customers exist, has the background evaluation plan
     * each customer's recheck: a customer who visited today is not yet "a day since", and is due to be evaluated again
     * at the next UTC midnight, when it will be, although nothing else happens to it.
     */
    @Test
    void theBackgroundEvaluationOfARuleTimeCanChangePlansARecheckForCustomersItDoesNotYetSelect() {
        UtcDays.awayFromMidnight();
        String visit = "bg_visit_" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String customerId = send(List.of(touchpoint("bg", visit, now)));
        awaitLiveProcessesCaughtUp();
        assertThat(rechecks(customerId)).doesNotContain(UtcDays.nextMidnight(now));

        String id = "it_since_" + run;
        define(id, "A day since " + run, "days_since(type: " + visit + ") >= 1");
        awaitEvaluationDone(id, 1);

        await().atMost(WAIT).until(() -> rechecks(customerId).contains(UtcDays.nextMidnight(now)));
        assertThat(entered(customerId, id)).isEmpty();
    }

    // ---- helpers

    private String customerWithPurchases(String name, int purchases) {
        return record(name, "purchase", purchases);
    }

    /** Records {@code count} touchpoints of {@code type} for a new customer; answers its id. */
    private String record(String name, String type, int count) {
        String crm = "S-" + run + "-" + name;
        List<Map<String, Object>> touchpoints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("messageId", "seg-" + UUID.randomUUID());
            t.put("customer", Map.of("type", "crm", "value", crm));
            t.put("type", type);
            t.put("channel", "web");
            t.put("campaign", campaign);
            t.put(
                    "occurredAt",
                    Instant.now()
                            .minus(Duration.ofHours(i + 1))
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString());
            touchpoints.add(t);
        }
        JsonNode response = graphql().document("recordTouchpoints", "input", touchpoints);
        assertThat(response.get("errors")).as("errors of %s", response).isNull();
        return response.get("data")
                .get("recordTouchpoints")
                .get("customerIds")
                .get(0)
                .asString();
    }

    /**
     * Every background evaluation is done, and the views and the live membership process have seen every event,
     * including those their own commands caused (an entry into a stage segment makes the live process evaluate the
     * customer again): the store stays at the same head while they are caught up. Otherwise the live path could
     * evaluate these customers against the new segment first, which is right too, but with cause event.
     */
    private void awaitLiveProcessesCaughtUp() {
        await().atMost(WAIT).untilAsserted(() -> graphql()
                .document("segments")
                .get("data")
                .get("segments")
                .forEach(s -> assertThat(s.get("evaluation").get("state").asString())
                        .as("evaluation of %s", s.get("id"))
                        .isEqualTo("DONE")));
        await().atMost(WAIT).until(() -> {
            long head = eventStore.createHeadToken().position().orElse(-1);
            for (String name : List.of(CustomerViewProjection.PROCESSING_GROUP, "segment-membership")) {
                processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(this::awaitCaughtUp);
            }
            Thread.sleep(500);
            return eventStore.createHeadToken().position().orElse(-1) == head;
        });
    }

    private static Map<String, Object> input(String id, String name, String rule) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", id);
        input.put("name", name);
        input.put("rule", rule);
        return input;
    }

    private JsonNode define(String id, String name, String rule) {
        JsonNode response = graphql().document("defineSegment", "input", input(id, name, rule));
        assertThat(response.get("errors")).as("errors of %s", response).isNull();
        return response.get("data").get("defineSegment");
    }

    private JsonNode segment(String id) {
        JsonNode response = graphql().document("segment", "id", id, "first", 100);
        assertThat(response.get("errors")).as("errors of %s", response).isNull();
        return response.get("data").get("segment");
    }

    private JsonNode awaitEvaluationDone(String id, int version) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            last[0] = segment(id).get("evaluation");
            assertThat(last[0].get("version").asInt()).isEqualTo(version);
            assertThat(last[0].get("state").asString())
                    .as("evaluation %s", last[0])
                    .isEqualTo("DONE");
        });
        return last[0];
    }

    private JsonNode awaitSize(String id, int size) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            last[0] = segment(id);
            assertThat(last[0].get("size").asInt()).isEqualTo(size);
            assertThat(last[0].get("members").get("edges")).hasSize(size);
        });
        return last[0];
    }

    private void awaitCustomerInSegment(String customerId, String segmentId, int version) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode response = graphql().document("customerSegments", "id", customerId);
            assertThat(response.get("errors")).as("errors of %s", response).isNull();
            List<String> ids = new ArrayList<>();
            for (JsonNode m : response.get("data").get("customer").get("segments")) {
                ids.add(m.get("segment").get("id").asString() + "@"
                        + m.get("segment").get("version").asInt());
                assertThat(m.get("since").isNull()).isFalse();
            }
            assertThat(ids).contains(segmentId + "@" + version);
        });
    }

    private static Set<String> memberIds(JsonNode segment) {
        Set<String> ids = new TreeSet<>();
        segment.get("members")
                .get("edges")
                .forEach(e -> ids.add(e.get("node").get("id").asString()));
        return ids;
    }

    private Map<String, Object> touchpoint(String name, String type, Instant occurredAt) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("messageId", "seg-" + UUID.randomUUID());
        t.put("customer", Map.of("type", "crm", "value", "S-" + run + "-" + name));
        t.put("type", type);
        t.put("channel", "web");
        t.put("campaign", campaign);
        t.put("occurredAt", occurredAt.truncatedTo(ChronoUnit.SECONDS).toString());
        return t;
    }

    /** Records touchpoints of one customer; answers its id. */
    private String send(List<Map<String, Object>> touchpoints) {
        JsonNode response = graphql().document("recordTouchpoints", "input", touchpoints);
        assertThat(response.get("errors")).as("errors of %s", response).isNull();
        return response.get("data")
                .get("recordTouchpoints")
                .get("customerIds")
                .get(0)
                .asString();
    }

    private List<Instant> rechecks(String customerId) {
        return payloads(customerId).stream()
                .filter(SegmentRecheckScheduled.class::isInstance)
                .map(e -> ((SegmentRecheckScheduled) e).at())
                .toList();
    }

    private java.util.Optional<CustomerEnteredSegment> entered(String customerId, String segmentId) {
        return payloads(customerId).stream()
                .filter(CustomerEnteredSegment.class::isInstance)
                .map(CustomerEnteredSegment.class::cast)
                .filter(e -> e.segmentId().equals(segmentId))
                .findFirst();
    }

    private List<CustomerLeftSegment> left(String customerId, String segmentId) {
        return payloads(customerId).stream()
                .filter(CustomerLeftSegment.class::isInstance)
                .map(CustomerLeftSegment.class::cast)
                .filter(e -> e.segmentId().equals(segmentId))
                .toList();
    }

    private List<Object> payloads(String customerId) {
        List<Object> payloads = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(customerId, 0); // every event, never a snapshot
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            payloads.add(event.getPayload());
        }
        return payloads;
    }
}
