package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Journey decisions end to end on the real platform (H2 event store, db-scheduler deadlines, Elasticsearch views):
 * re-evaluation after a model change with its progress, an inactivity deadline firing, late data, and an account
 * moving through the B2B model by the touchpoints of several people.
 */
class JourneyIT extends PlatformIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aNewModelVersionReevaluatesEveryCustomerAndKeepsTheOldMovesInHistory() {
        String model = "it_reeval_" + suffix();
        define(model(model, List.of(rule("browsing", "web_visit"), rule("buying", "purchase")), List.of()));
        awaitReevaluationDone(model, 1);

        String both = record(touchpoint("crm", "R-" + suffix(), "web_visit", hoursAgo(3)));
        record(touchpoint("crm", customerValue(both), "product_viewed", hoursAgo(2)));
        String viewerOnly = record(touchpoint("crm", "R-" + suffix(), "product_viewed", hoursAgo(1)));

        // version 2: viewing a product already counts as buying
        define(model(model, List.of(rule("browsing", "web_visit"), rule("buying", "product_viewed")), List.of()));
        JsonNode done = awaitReevaluationDone(model, 2);
        assertThat(done.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(done.get("done").asLong()).isEqualTo(done.get("total").asLong());

        List<JsonNode> history = awaitHistory(both, model, 2);
        assertThat(history.get(0).get("to").asString()).isEqualTo("browsing");
        assertThat(history.get(0).get("modelVersion").asInt()).isEqualTo(1);
        assertThat(history.get(0).get("causeKind").asString()).isEqualTo("touchpoint");
        assertThat(history.get(1).get("from").asString()).isEqualTo("browsing");
        assertThat(history.get(1).get("to").asString()).isEqualTo("buying");
        assertThat(history.get(1).get("modelVersion").asInt()).isEqualTo(2);
        assertThat(history.get(1).get("causeKind").asString()).isEqualTo("reevaluation");

        List<JsonNode> viewer = awaitHistory(viewerOnly, model, 1);
        assertThat(viewer.get(0).get("to").asString()).isEqualTo("buying");
        assertThat(viewer.get(0).get("causeKind").asString()).isEqualTo("reevaluation");
    }

    @Test
    void aCustomerWhoDoesNothingLapsesWhenItsDeadlineFires() {
        String model = "it_lapse_" + suffix();
        define(model(
                model,
                List.of(rule("browsing", "web_visit")),
                List.of(Map.of("in", "browsing", "inactiveFor", "PT3S", "enter", "lapsed"))));
        Instant visit = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String customer = record(touchpoint("crm", "L-" + suffix(), "web_visit", visit));

        List<JourneyModelMove> moves = awaitHistory(customer, model, 2).stream()
                .map(JourneyModelMove::of)
                .toList();
        assertThat(moves.get(0)).isEqualTo(new JourneyModelMove(null, "browsing", "touchpoint", visit));
        assertThat(moves.get(1))
                .isEqualTo(new JourneyModelMove("browsing", "lapsed", "deadline", visit.plusSeconds(3)));
    }

    @Test
    void aLatePurchaseDoesNotUndoALaterStage() {
        String crm = "T-" + suffix();
        String customer = record(touchpoint("crm", crm, "purchase", hoursAgo(48)));
        record(touchpoint("crm", crm, "purchase", hoursAgo(24)));
        List<JsonNode> loyal = awaitHistory(customer, "four_stage", 2);
        assertThat(loyal.get(1).get("to").asString()).isEqualTo("retention_loyalty");

        // a store purchase from last month arrives today
        record(touchpoint("crm", crm, "purchase", hoursAgo(24 * 30)));
        JsonNode after = customer(customer, "four_stage");
        assertThat(after.get("stageHistory")).hasSize(2);
        assertThat(stageOf(after, "four_stage")).isEqualTo("retention_loyalty");
    }

    @Test
    void anAccountMovesThroughTheB2bModelByTheTouchpointsOfItsPeople() {
        String group = "acme-" + suffix();
        String alice = record(withGroup(touchpoint("crm", "A-" + suffix(), "web_visit", hoursAgo(5)), group));
        String bob = record(withGroup(touchpoint("crm", "B-" + suffix(), "demo_requested", hoursAgo(4)), group));

        JsonNode account = graphql()
                .query(
                        "query($g: ID!) { account(groupId: $g) { groupId stages { model stage enteredAt }"
                                + " stageHistory(model: \"b2b_six_stage\") { customerId from to causeKind } } }",
                        Map.of("g", group))
                .get("data")
                .get("account");
        assertThat(account.get("groupId").asString()).isEqualTo(group);
        assertThat(account.get("stages")).hasSize(1);
        assertThat(account.get("stages").get(0).get("stage").asString()).isEqualTo("proposal_evaluation");
        JsonNode history = account.get("stageHistory");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("to").asString()).isEqualTo("problem_awareness");
        assertThat(history.get(0).get("customerId").asString()).isEqualTo(alice);
        assertThat(history.get(1).get("to").asString()).isEqualTo("proposal_evaluation");
        assertThat(history.get(1).get("customerId").asString()).isEqualTo(bob);

        JsonNode unknown = graphql()
                .query("query { account(groupId: \"never-seen\") { groupId } }", Map.of())
                .get("data")
                .get("account");
        assertThat(unknown.isNull()).isTrue();
    }

    /** A move as a test compares it. */
    record JourneyModelMove(String from, String to, String causeKind, Instant at) {
        static JourneyModelMove of(JsonNode t) {
            return new JourneyModelMove(
                    t.get("from").isNull() ? null : t.get("from").asString(),
                    t.get("to").asString(),
                    t.get("causeKind").asString(),
                    Instant.parse(t.get("at").asString()));
        }
    }

    private final Map<String, String> valueOf = new LinkedHashMap<>();
    private String lastToken;

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Instant hoursAgo(int hours) {
        return Instant.now().minus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.SECONDS);
    }

    private String customerValue(String customerId) {
        return valueOf.get(customerId);
    }

    private static Map<String, Object> touchpoint(String type, String value, String touchpointType, Instant at) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("messageId", "it-" + UUID.randomUUID());
        t.put("customer", Map.of("type", type, "value", value));
        t.put("type", touchpointType);
        t.put("channel", "web");
        t.put("occurredAt", at.toString());
        return t;
    }

    private static Map<String, Object> withGroup(Map<String, Object> touchpoint, String group) {
        touchpoint.put("properties", Map.of("groupId", group));
        return touchpoint;
    }

    /** Records one touchpoint; answers its customer's id. */
    @SuppressWarnings("unchecked")
    private String record(Map<String, Object> touchpoint) {
        JsonNode response = graphql().document("recordTouchpoints", "input", List.of(touchpoint));
        assertThat(response.get("errors")).as("errors of %s", response).isNull();
        String id = response.get("data")
                .get("recordTouchpoints")
                .get("customerIds")
                .get(0)
                .asString();
        valueOf.put(id, ((Map<String, String>) touchpoint.get("customer")).get("value"));
        lastToken = response.get("data")
                .get("recordTouchpoints")
                .get("consistencyToken")
                .asString();
        return id;
    }

    private static Map<String, Object> rule(String enter, String type) {
        return Map.of("enter", enter, "when", Map.of("types", List.of(type)));
    }

    private static Map<String, Object> model(
            String id, List<Map<String, Object>> rules, List<Map<String, Object>> lapses) {
        List<Map<String, Object>> stages = new ArrayList<>();
        for (String stage : List.of("browsing", "buying", "lapsed")) {
            stages.add(Map.of("id", stage, "labels", Map.of("en", stage, "ja", stage)));
        }
        List<Map<String, Object>> allRules = new ArrayList<>(rules);
        if (lapses.isEmpty()) {
            allRules.add(rule("lapsed", "unsubscribed"));
        } else if (rules.stream().noneMatch(r -> r.get("enter").equals("buying"))) {
            allRules.add(rule("buying", "purchase"));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", id);
        input.put("labels", Map.of("en", id, "ja", id));
        input.put("stages", stages);
        input.put("rules", allRules);
        input.put("inactivityRules", lapses);
        return input;
    }

    private void define(Map<String, Object> input) {
        JsonNode response = graphql().document("defineJourneyModel", "input", input);
        assertThat(response.get("errors")).as("errors of %s", response).isNull();
    }

    private JsonNode awaitReevaluationDone(String model, int version) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode r =
                    graphql().document("journeyModel", "id", model).get("data").get("journeyModel");
            last[0] = r.get("reevaluation");
            assertThat(last[0].get("version").asInt()).isEqualTo(version);
            assertThat(last[0].get("state").asString()).isEqualTo("DONE");
        });
        return last[0];
    }

    private JsonNode customer(String id, String model) {
        JsonNode response = graphql().document("customerJourneys", "id", id, "model", model, "token", lastToken);
        assertThat(response.get("errors")).as("errors of %s", response).isNull();
        return response.get("data").get("customer");
    }

    private List<JsonNode> awaitHistory(String customerId, String model, int size) {
        List<JsonNode> history = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            history.clear();
            customer(customerId, model).get("stageHistory").forEach(history::add);
            assertThat(history).hasSize(size);
        });
        return history;
    }

    private static String stageOf(JsonNode customer, String model) {
        for (JsonNode s : customer.get("stages")) {
            if (s.get("model").asString().equals(model)) {
                return s.get("stage").asString();
            }
        }
        return null;
    }
}
