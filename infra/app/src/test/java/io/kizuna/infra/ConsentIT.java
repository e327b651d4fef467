package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.api.consent.ConsentGiven;
import io.kizuna.api.consent.ConsentWithdrawn;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.DefineSegment;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefinition;
import io.kizuna.api.segment.SegmentEvaluationFinished;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.assertj.core.groups.Tuple;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Consent end to end on the real platform (GraphQL, Segment HTTP intake, Elasticsearch views): given and withdrawn
 * per purpose and channel, shown on the profile, in history and time travel; segments whose rules ask consent(...)
 * gain the customer and lose it on withdrawal; Segment's context.consent recorded once however often it is resent;
 * exportCustomer returning everything.
 */
class ConsentIT extends PlatformIT {

    private static final Duration LIVE = Duration.ofSeconds(30);

    @Autowired
    CommandGateway commands;

    @Test
    void consentIsShownOnTheProfileAndSegmentsAskingForItGainAndLoseTheCustomer() {
        String purpose = name("purpose");
        String everyChannel = define("consent(" + purpose + ")");
        String byEmail = define("consent(" + purpose + ", email)");
        String customerId = record("C-" + UUID.randomUUID(), UUID.randomUUID().toString(), Instant.now());

        JsonNode given = mutation("giveConsent", customerId, purpose, null);
        assertThat(given.get("consents")).hasSize(1);
        assertThat(given.get("consents").get(0).get("purpose").asString()).isEqualTo(purpose);
        assertThat(given.get("consents").get(0).get("channel").isNull()).isTrue();
        assertThat(given.get("consents").get(0).get("granted").asBoolean()).isTrue();
        assertThat(given.get("everyChannel").asBoolean()).isTrue();
        await().atMost(LIVE).until(() -> isMember(customerId, everyChannel) && isMember(customerId, byEmail));

        // withdrawn for email only: still consenting on every other channel
        JsonNode emailWithdrawn = mutation("withdrawConsent", customerId, purpose, "email");
        assertThat(emailWithdrawn.get("consents")).hasSize(2);
        assertThat(emailWithdrawn.get("everyChannel").asBoolean()).isTrue();
        assertThat(hasConsent(customerId, purpose, "email")).isFalse();
        assertThat(hasConsent(customerId, purpose, "sms")).isTrue();
        await().atMost(LIVE).until(() -> !isMember(customerId, byEmail));
        assertThat(isMember(customerId, everyChannel)).isTrue();

        // withdrawn for every channel: out of both
        JsonNode withdrawn = mutation("withdrawConsent", customerId, purpose, null);
        assertThat(withdrawn.get("consents")).hasSize(1);
        assertThat(withdrawn.get("consents").get(0).get("granted").asBoolean()).isFalse();
        assertThat(withdrawn.get("everyChannel").asBoolean()).isFalse();
        await().atMost(LIVE).until(() -> !isMember(customerId, everyChannel));
        assertThat(first(customerId, CustomerLeftSegment.class, e -> e.segmentId()
                        .equals(everyChannel)))
                .isNotNull();
        assertThat(first(customerId, CustomerEnteredSegment.class, e -> e.segmentId()
                        .equals(byEmail)))
                .isNotNull();
    }

    @Test
    void givingTheSameConsentTwiceRecordsItOnce() {
        String purpose = name("purpose");
        String customerId = record("C-" + UUID.randomUUID(), UUID.randomUUID().toString(), Instant.now());

        mutation("giveConsent", customerId, purpose, "email");
        mutation("giveConsent", customerId, purpose, "email");

        assertThat(events(customerId, ConsentGiven.class)).hasSize(1);
    }

    @Test
    void badPurposesAndChannelsAreRefusedNamingTheField() {
        String customerId = record("C-" + UUID.randomUUID(), UUID.randomUUID().toString(), Instant.now());

        JsonNode badPurpose = graphql().document("giveConsent", "customerId", customerId, "purpose", "Email Marketing");
        JsonNode badChannel = graphql()
                .document("withdrawConsent", "customerId", customerId, "purpose", "analytics", "channel", "e-mail");
        JsonNode unknown = graphql()
                .document("giveConsent", "customerId", UUID.randomUUID().toString(), "purpose", "analytics");

        assertThat(error(badPurpose).get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error(badPurpose).get("extensions").get("field").asString()).isEqualTo("purpose");
        assertThat(error(badChannel).get("extensions").get("field").asString()).isEqualTo("channel");
        assertThat(error(unknown).get("extensions").get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(events(customerId, ConsentGiven.class)).isEmpty();
    }

    @Test
    void consentEventsAreInTheHistoryAndInTimeTravel() {
        String purpose = name("purpose");
        String customerId = record("C-" + UUID.randomUUID(), UUID.randomUUID().toString(), Instant.now());
        mutation("giveConsent", customerId, purpose, null);
        Instant between = Instant.now();
        sleep(Duration.ofMillis(20));
        mutation("withdrawConsent", customerId, purpose, null);

        JsonNode history = graphql()
                .document(
                        "customerHistory",
                        "id",
                        customerId,
                        "first",
                        100,
                        "types",
                        List.of("ConsentGiven", "ConsentWithdrawn"))
                .get("data")
                .get("customerHistory");
        List<String> types = new ArrayList<>();
        history.get("edges").forEach(e -> types.add(e.get("node").get("type").asString()));
        assertThat(types).containsExactly("ConsentGiven", "ConsentWithdrawn");
        JsonNode givenPayload = history.get("edges").get(0).get("node").get("payload");
        assertThat(givenPayload.get("purpose").asString()).isEqualTo(purpose);
        assertThat(history.get("edges").get(0).get("node").get("occurredAt").isNull())
                .isFalse();

        JsonNode then = graphql()
                .document("customerAsOf", "id", customerId, "knownAt", between.toString())
                .get("data")
                .get("customerAsOf");
        JsonNode now =
                graphql().document("customerAsOf", "id", customerId).get("data").get("customerAsOf");
        assertThat(then.get("consents")).hasSize(1);
        assertThat(then.get("consents").get(0).get("granted").asBoolean()).isTrue();
        assertThat(now.get("consents").get(0).get("granted").asBoolean()).isFalse();
    }

    @Test
    void segmentsContextConsentIsRecordedOnceHoweverOftenItIsResent() {
        JsonNode created =
                graphql().document("createSource", "name", "cmp").get("data").get("createSource");
        String writeKey = created.get("writeKey").asString();
        String userId = "user-" + UUID.randomUUID();
        String first = track(writeKey, userId, "{\"Advertising\": true, \"Analytics\": false}");
        String customerId = await().atMost(LIVE)
                .until(
                        () -> graphql()
                                .document("customerByIdentifier", "type", "userId", "value", userId, "token", null)
                                .get("data")
                                .get("customerByIdentifier"),
                        c -> c != null && !c.isNull())
                .get("id")
                .asString();
        assertThat(hasConsent(customerId, "advertising", null)).isTrue();
        assertThat(hasConsent(customerId, "analytics", null)).isFalse();

        resend(writeKey, userId, first, "{\"Advertising\": true, \"Analytics\": false}");
        track(writeKey, userId, "{\"Advertising\": true, \"Analytics\": false}"); // every call carries them
        String withdrawal = track(writeKey, userId, "{\"Advertising\": false}");
        resend(writeKey, userId, first, "{\"Advertising\": true, \"Analytics\": false}"); // a late retry

        assertThat(events(customerId, ConsentGiven.class))
                .extracting(ConsentGiven::purpose, ConsentGiven::messageId)
                .containsExactly(Tuple.tuple("advertising", first));
        assertThat(events(customerId, ConsentWithdrawn.class))
                .extracting(ConsentWithdrawn::purpose, ConsentWithdrawn::messageId)
                .containsExactly(Tuple.tuple("analytics", first), Tuple.tuple("advertising", withdrawal));
        await().atMost(LIVE).until(() -> !hasConsent(customerId, "advertising", null));
    }

    @Test
    void anExportHoldsProfileIdentifiersConsentsSegmentsStagesAndTheWholeHistory() {
        String purpose = name("purpose");
        String segment = define("consent(" + purpose + ")");
        String crm = "C-" + UUID.randomUUID();
        String customerId = record(crm, UUID.randomUUID().toString(), Instant.now());
        mutation("giveConsent", customerId, purpose, null);
        await().atMost(LIVE).until(() -> isMember(customerId, segment));
        long stored = eventStore.readEvents(customerId, 0).asStream().count();

        JsonNode response = graphql().document("exportCustomer", "id", customerId);
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        JsonNode export = response.get("data").get("exportCustomer");

        assertThat(export.get("customerId").asString()).isEqualTo(customerId);
        assertThat(Instant.parse(export.get("exportedAt").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(export.get("profile").get("id").asString()).isEqualTo(customerId);
        assertThat(export.get("identifiers").get(0).get("value").asString()).isEqualTo(crm);
        assertThat(export.get("consents").get(0).get("purpose").asString()).isEqualTo(purpose);
        List<String> segments = new ArrayList<>();
        export.get("segments").forEach(s -> segments.add(s.get("segmentId").asString()));
        assertThat(segments).contains(segment);
        assertThat(export.get("stageHistory").isArray()).isTrue();
        List<String> types = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        export.get("history").forEach(e -> {
            types.add(e.get("type").asString());
            sequences.add(e.get("sequence").asLong());
        });
        assertThat((long) types.size()).isGreaterThanOrEqualTo(stored);
        assertThat(sequences.subList(0, (int) stored))
                .isEqualTo(LongStream.range(0, stored).boxed().toList());
        assertThat(types)
                .contains("CustomerRegistered", "TouchpointRecorded", "ConsentGiven", "CustomerEnteredSegment");
        // an export is a read of the customer's history: the audit log says who exported it
        await().atMost(LIVE).until(() -> {
            JsonNode log = graphql()
                    .document("auditLog", "customerId", customerId, "first", 100)
                    .get("data")
                    .get("auditLog")
                    .get("edges");
            for (JsonNode entry : log) {
                if (entry.get("node").get("operation").asString().equals("exportCustomer")) {
                    return entry.get("node").get("outcome").asString().equals("ok");
                }
            }
            return false;
        });
        assertThat(error(graphql()
                                .document(
                                        "exportCustomer",
                                        "id",
                                        UUID.randomUUID().toString()))
                        .get("extensions")
                        .get("code")
                        .asString())
                .isEqualTo("NOT_FOUND");
    }

    // ---- helpers

    private JsonNode mutation(String name, String customerId, String purpose, String channel) {
        JsonNode response = graphql().document(name, "customerId", customerId, "purpose", purpose, "channel", channel);
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        return response.get("data").get(name);
    }

    private boolean hasConsent(String customerId, String purpose, String channel) {
        JsonNode customer = customer(customerId, purpose, channel);
        return customer.get("hasConsent").asBoolean();
    }

    private boolean isMember(String customerId, String segmentId) {
        JsonNode customer = customer(customerId, "any", null);
        for (JsonNode membership : customer.get("segments")) {
            if (membership.get("segment").get("id").asString().equals(segmentId)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode customer(String customerId, String purpose, String channel) {
        JsonNode response =
                graphql().document("customerConsents", "id", customerId, "purpose", purpose, "channel", channel);
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        return response.get("data").get("customer");
    }

    private static JsonNode error(JsonNode response) {
        assertThat(response.has("errors")).as(response.toString()).isTrue();
        return response.get("errors").get(0);
    }

    /** Posts a track call carrying consent preferences; answers its messageId. */
    private String track(String writeKey, String userId, String preferences) {
        String messageId = "m-" + UUID.randomUUID();
        resend(writeKey, userId, messageId, preferences);
        return messageId;
    }

    private void resend(String writeKey, String userId, String messageId, String preferences) {
        SegmentHttp.Answer answer = new SegmentHttp(port)
                .postBasic(
                        "/v1/track",
                        writeKey,
                        """
                        {"messageId": "%s", "userId": "%s", "event": "Page Viewed",
                         "timestamp": "2026-11-01T10:00:00Z",
                         "context": {"consent": {"categoryPreferences": %s}}}
                        """
                                .formatted(messageId, userId, preferences));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    }

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

    private String record(String crm, String messageId, Instant occurredAt) {
        Map<String, Object> touchpoint = new LinkedHashMap<>();
        touchpoint.put("messageId", messageId);
        touchpoint.put("customer", Map.of("type", "crm", "value", crm));
        touchpoint.put("type", "web_visit");
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

    /** The customer's stored events from the first one (readEvents(id) would start at its latest snapshot). */
    private <T> List<T> events(String customerId, Class<T> type) {
        return eventStore
                .readEvents(customerId, 0)
                .asStream()
                .map(e -> e.getPayload())
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private <T> T first(String customerId, Class<T> type, Predicate<T> matching) {
        return events(customerId, type).stream().filter(matching).findFirst().orElse(null);
    }

    private static String name(String what) {
        StringBuilder name = new StringBuilder("it_").append(what).append('_');
        for (int i = 0; i < 8; i++) {
            name.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return name.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
