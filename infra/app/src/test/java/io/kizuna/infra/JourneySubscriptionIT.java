package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.query.live.LiveEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/**
 * Journeys through the API on the real platform: the built-in models, defining models, a customer's stages, and the
 * live feed of stage transitions over GraphQL over WebSocket (graphql-ws), as a frontend would subscribe to it.
 */
class JourneySubscriptionIT extends PlatformIT {

    private static final Duration LIVE = Duration.ofSeconds(10);
    private static final String DEFAULT_MODEL = "four_stage";
    private static final String FIRST_STAGE = "acquisition_awareness";

    @Autowired
    LiveEvents liveEvents;

    private WebSocketGraphQlClient ws;

    /** A stage transition as the subscription and stageHistory send it. */
    record Transition(
            String customerId,
            String model,
            int modelVersion,
            String from,
            String to,
            String at,
            String causeKind,
            String causeMessageId,
            String recordedAt) {}

    @BeforeEach
    void connect() {
        ws = WebSocketGraphQlClient.builder("ws://127.0.0.1:" + port + "/graphql", new StandardWebSocketClient())
                .header("Authorization", TestKeys.bearer(TestKeys.ADMIN))
                .documentSource(new ResourceDocumentSource(
                        List.of(new ClassPathResource("graphql-test/")), ResourceDocumentSource.FILE_EXTENSIONS))
                .build();
        // the graphql-ws handshake: connection_init answered by connection_ack
        ws.start().block(LIVE);
    }

    @AfterEach
    void disconnect() {
        ws.stop().block(LIVE);
    }

    @Test
    void aSubscriberSeesANewCustomerEnterTheFirstStageOfTheDefaultModel() {
        List<Transition> received = new CopyOnWriteArrayList<>();
        Disposable subscription = subscribe(DEFAULT_MODEL, received);
        try {
            String messageId = UUID.randomUUID().toString();
            Instant occurredAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            String customerId = recordWebVisit(messageId, occurredAt);

            Transition transition = awaitTransitionOf(customerId, received);
            assertThat(transition.model()).isEqualTo(DEFAULT_MODEL);
            assertThat(transition.modelVersion()).isPositive();
            assertThat(transition.from()).isNull();
            assertThat(transition.to()).isEqualTo(FIRST_STAGE);
            assertThat(transition.causeKind()).isEqualTo("touchpoint");
            assertThat(transition.causeMessageId()).isEqualTo(messageId);
            assertThat(Instant.parse(transition.at())).isEqualTo(occurredAt);
            assertThat(Instant.parse(transition.recordedAt())).isAfter(occurredAt);
            assertThat(received).allSatisfy(t -> assertThat(t.model()).isEqualTo(DEFAULT_MODEL));
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void aSubscriptionToAnotherModelGetsNothingOfTheDefaultModel() {
        String otherModel =
                defineModel(newModelId(), "Purchases only", "購入のみ").get("id").asString();
        List<Transition> filtered = new CopyOnWriteArrayList<>();
        List<Transition> everything = new CopyOnWriteArrayList<>();
        Disposable toOther = subscribe(otherModel, filtered);
        Disposable toAll = subscribe(null, everything);
        try {
            String customerId = recordWebVisit(UUID.randomUUID().toString(), Instant.now());

            // the unfiltered subscription proves the transition was decided and fed live...
            assertThat(awaitTransitionOf(customerId, everything).model()).isEqualTo(DEFAULT_MODEL);
            // ...and a moment more lets the filtered one show anything it would wrongly get
            sleep(Duration.ofSeconds(1));
            assertThat(filtered).noneMatch(t -> t.customerId().equals(customerId));
            assertThat(filtered).allSatisfy(t -> assertThat(t.model()).isEqualTo(otherModel));
        } finally {
            toOther.dispose();
            toAll.dispose();
        }
    }

    @Test
    void theLiveFeedStopsTailingTheEventStoreWhenTheLastSubscriberLeaves() {
        int before = liveEvents.subscribers();
        Disposable subscription = subscribe(DEFAULT_MODEL, new CopyOnWriteArrayList<>());
        assertThat(liveEvents.tailing()).isTrue();
        subscription.dispose();
        await().atMost(LIVE).until(() -> liveEvents.subscribers() == before);
        if (before == 0) {
            assertThat(liveEvents.tailing()).isFalse();
        }
    }

    @Test
    void theBuiltInModelsAreListedWithFourStageAsTheDefault() {
        JsonNode response = graphql().document("journeyModels");
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        List<JsonNode> models = new ArrayList<>();
        response.get("data").get("journeyModels").forEach(models::add);

        List<JsonNode> builtIn =
                models.stream().filter(m -> m.get("builtIn").asBoolean()).toList();
        assertThat(builtIn).hasSize(6);
        assertThat(models.stream().filter(m -> m.get("isDefault").asBoolean()))
                .singleElement()
                .satisfies(m -> assertThat(m.get("id").asString()).isEqualTo(DEFAULT_MODEL));
        JsonNode fourStage = builtIn.stream()
                .filter(m -> m.get("id").asString().equals(DEFAULT_MODEL))
                .findFirst()
                .orElseThrow();
        assertThat(fourStage.get("version").asInt()).isEqualTo(1);
        assertThat(fourStage.get("stages")).hasSize(4);
        assertThat(fourStage.get("stages").get(0).get("id").asString()).isEqualTo(FIRST_STAGE);
        for (JsonNode model : builtIn) {
            assertThat(model.get("labels").get("ja").asString()).isNotBlank();
            assertThat(model.get("labels").get("en").asString()).isNotBlank();
            model.get("stages")
                    .forEach(stage ->
                            assertThat(stage.get("labels").get("ja").asString()).isNotBlank());
        }
    }

    @Test
    void definingAModelGivesVersionOneAndRedefiningItTheNext() {
        String id = newModelId();
        JsonNode first = defineModel(id, "Purchases only", "購入のみ");
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("builtIn").asBoolean()).isFalse();
        assertThat(first.get("isDefault").asBoolean()).isFalse();
        assertThat(first.get("labels").get("ja").asString()).isEqualTo("購入のみ");
        assertThat(first.get("stages").get(1).get("id").asString()).isEqualTo("customer");
        assertThat(first.get("rules").get(1).get("when").get("types").get(0).asString())
                .isEqualTo("purchase");
        JsonNode inactivity = first.get("inactivityRules").get(0);
        assertThat(inactivity.get("inactiveFor").asString()).isEqualTo("P60D");
        assertThat(inactivity.get("inactiveForSeconds").asLong()).isEqualTo(60L * 86_400);

        JsonNode second = defineModel(id, "Purchases only, renamed", "購入のみ（改名）");
        assertThat(second.get("version").asInt()).isEqualTo(2);
        assertThat(second.get("labels").get("en").asString()).isEqualTo("Purchases only, renamed");

        JsonNode read = graphql().document("journeyModel", "id", id);
        assertThat(read.has("errors")).as(read.toString()).isFalse();
        JsonNode model = read.get("data").get("journeyModel");
        assertThat(model.get("version").asInt()).isEqualTo(2);
        assertThat(model.get("inactivityRules").get(0).get("inactiveFor").asString())
                .isEqualTo("P60D");
    }

    @Test
    void anInvalidModelIsRefusedNamingTheFieldInsideTheInput() {
        Map<String, Object> input = modelInput(newModelId(), "Broken", "壊れたモデル");
        Map<String, Object> rule = new LinkedHashMap<>(rules(input).get(0));
        rule.put("enter", "nowhere");
        rules(input).set(0, rule);

        JsonNode error = graphql()
                .document("defineJourneyModel", "input", input)
                .get("errors")
                .get(0);

        assertThat(error.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("extensions").get("field").asString()).isEqualTo("input.rules[0].enter");
        assertThat(error.get("message").asString()).contains("nowhere");
    }

    @Test
    void anUnreadableInactivityDurationIsRefusedNamingItsField() {
        Map<String, Object> input = modelInput(newModelId(), "Lapsing", "離反");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inactivityRules = (List<Map<String, Object>>) input.get("inactivityRules");
        inactivityRules.get(0).put("inactiveFor", "sixty days");

        JsonNode error = graphql()
                .document("defineJourneyModel", "input", input)
                .get("errors")
                .get(0);

        assertThat(error.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("extensions").get("field").asString()).isEqualTo("input.inactivityRules[0].inactiveFor");
        assertThat(error.get("message").asString()).contains("P60D");
    }

    @Test
    void anUnknownModelIsNull() {
        JsonNode response = graphql().document("journeyModel", "id", "no_such_model");
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        assertThat(response.get("data").get("journeyModel").isNull()).isTrue();
    }

    @Test
    void theCustomerShowsItsStageAndHistory() {
        String messageId = UUID.randomUUID().toString();
        Instant occurredAt = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        JsonNode recorded = record(messageId, occurredAt);
        String customerId = recorded.get("customerIds").get(0).asString();
        String token = recorded.get("consistencyToken").asString();

        JsonNode customer = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> graphql()
                                .document("customerJourneys", "id", customerId, "token", token, "model", DEFAULT_MODEL)
                                .get("data")
                                .get("customer"),
                        c -> c != null && !c.isNull() && !c.get("stageHistory").isEmpty());

        assertThat(customer.get("stages")).anySatisfy(s -> {
            assertThat(s.get("model").asString()).isEqualTo(DEFAULT_MODEL);
            assertThat(s.get("stage").asString()).isEqualTo(FIRST_STAGE);
        });
        JsonNode history = customer.get("stageHistory").get(0);
        assertThat(history.get("to").asString()).isEqualTo(FIRST_STAGE);
        assertThat(history.get("causeMessageId").asString()).isEqualTo(messageId);
    }

    @Test
    void theFunnelOfTheDefaultModelListsItsStagesInOrder() {
        JsonNode response = graphql().document("journeyFunnel", "model", DEFAULT_MODEL);
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        JsonNode funnel = response.get("data").get("journeyFunnel");
        assertThat(funnel.get("model").asString()).isEqualTo(DEFAULT_MODEL);
        assertThat(funnel.get("stages").get(0).get("stage").asString()).isEqualTo(FIRST_STAGE);
        assertThat(funnel.get("stages")).hasSize(4);
    }

    private Disposable subscribe(String model, List<Transition> into) {
        int before = liveEvents.subscribers();
        org.springframework.graphql.client.GraphQlClient.RequestSpec request = ws.documentName("stageTransitions");
        if (model != null) {
            request = request.variable("model", model);
        }
        Disposable subscription = request.retrieveSubscription("stageTransitions")
                .toEntity(Transition.class)
                .subscribe(into::add);
        // graphql-ws has no "subscribed" acknowledgement: wait until the server's feed counts the subscriber, so
        // that what the test records next is appended after the feed's starting point
        await().atMost(LIVE).until(() -> liveEvents.subscribers() > before);
        return subscription;
    }

    private Transition awaitTransitionOf(String customerId, List<Transition> received) {
        return await().atMost(LIVE)
                .until(
                        () -> received.stream()
                                .filter(t -> t.customerId().equals(customerId))
                                .findFirst()
                                .orElse(null),
                        t -> t != null);
    }

    private String recordWebVisit(String messageId, Instant occurredAt) {
        return record(messageId, occurredAt).get("customerIds").get(0).asString();
    }

    private JsonNode record(String messageId, Instant occurredAt) {
        Map<String, Object> touchpoint = new LinkedHashMap<>();
        touchpoint.put("messageId", messageId);
        touchpoint.put(
                "customer",
                Map.of(
                        "type",
                        "crm",
                        "value",
                        "J-" + UUID.randomUUID().toString().substring(0, 8)));
        touchpoint.put("type", "web_visit");
        touchpoint.put("channel", "web");
        touchpoint.put("occurredAt", occurredAt.toString());
        JsonNode response = graphql().document("recordTouchpoints", "input", List.of(touchpoint));
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        return response.get("data").get("recordTouchpoints");
    }

    private JsonNode defineModel(String id, String en, String ja) {
        JsonNode response = graphql().document("defineJourneyModel", "input", modelInput(id, en, ja));
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        return response.get("data").get("defineJourneyModel");
    }

    /**
     * A small valid model that never reacts to web visits: quote requests make prospects, purchases customers, and
     * 60 days without a purchase makes a customer lapsed.
     */
    private static Map<String, Object> modelInput(String id, String en, String ja) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", id);
        input.put("labels", Map.of("en", en, "ja", ja));
        input.put(
                "stages",
                List.of(
                        stage("prospect", "Prospect", "見込み客"),
                        stage("customer", "Customer", "顧客"),
                        stage("lapsed", "Lapsed", "離反")));
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(Map.of("enter", "prospect", "when", Map.of("types", List.of("quote_requested"))));
        rules.add(Map.of("enter", "customer", "when", Map.of("types", List.of("purchase"))));
        input.put("rules", rules);
        List<Map<String, Object>> inactivity = new ArrayList<>();
        inactivity.add(new LinkedHashMap<>(Map.of(
                "in", "customer", "inactiveFor", "60d", "touchpointTypes", List.of("purchase"), "enter", "lapsed")));
        input.put("inactivityRules", inactivity);
        return input;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(Map<String, Object> input) {
        return (List<Map<String, Object>>) input.get("rules");
    }

    private static Map<String, Object> stage(String id, String en, String ja) {
        return Map.of("id", id, "labels", Map.of("en", en, "ja", ja));
    }

    private static String newModelId() {
        StringBuilder id = new StringBuilder("it_");
        for (int i = 0; i < 8; i++) {
            id.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return id.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
