package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.command.intake.segment.HttpIntakeProperties;
import io.kizuna.infra.SegmentHttp.Answer;
import io.kizuna.projection.customer.CustomerViewProjection;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Segment's HTTP Tracking API on the real platform: sources and write keys managed through GraphQL, calls posted as
 * Segment libraries and plain HTTP integrators post them, profiles read back through GraphQL.
 */
class SegmentHttpIntakeIT extends PlatformIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    HttpIntakeProperties limits;

    @Autowired
    EventProcessingConfiguration processing;

    private SegmentHttp segment() {
        return new SegmentHttp(port);
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private record CreatedSource(String id, String writeKey) {}

    private CreatedSource createSource(String name) {
        JsonNode created =
                graphql().document("createSource", "name", name).get("data").get("createSource");
        return new CreatedSource(
                created.get("source").get("id").asString(),
                created.get("writeKey").asString());
    }

    /**
     * Events a request stores (touchpoints, traits, identities, merges, accounts). Background work appends other
     * events at any moment (segment evaluations, inactivity deadlines, the access log), so those are not counted.
     */
    private long storedEvents() {
        return new JdbcTemplate(dataSource)
                .queryForObject(
                        "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType IN ("
                                + "'io.kizuna.api.customer.TouchpointRecorded', 'io.kizuna.api.customer.TraitsChanged',"
                                + " 'io.kizuna.api.customer.CustomerRegistered', 'io.kizuna.api.customer.IdentifierAdded',"
                                + " 'io.kizuna.api.identity.IdentifierClaimed', 'io.kizuna.api.identity.IdentifierReassigned',"
                                + " 'io.kizuna.api.merge.CustomerMergedInto', 'io.kizuna.api.merge.CustomerAbsorbed',"
                                + " 'io.kizuna.api.merge.MergeRefused', 'io.kizuna.api.journey.AccountTouchpointRecorded',"
                                + " 'io.kizuna.api.journey.AccountRegistered')",
                        Long.class);
    }

    /** The HTTP intake answers without a consistency token, so reads wait for the views. */
    private JsonNode customerEventually(String type, String value, Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> graphql()
                                .document("customerByIdentifier", "type", type, "value", value, "token", null)
                                .get("data")
                                .get("customerByIdentifier"),
                        customer -> customer != null && !customer.isNull() && ready.test(customer));
    }

    private JsonNode timeline(String customerId) {
        return graphql()
                .document("customerTimeline", "id", customerId, "token", null, "first", 20)
                .get("data")
                .get("customer")
                .get("timeline")
                .get("edges");
    }

    private static List<String> keys(JsonNode counts) {
        List<String> keys = new ArrayList<>();
        counts.forEach(c -> keys.add(c.get("key").asString()));
        return keys;
    }

    private static void assertOk(Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().get("success").asBoolean()).isTrue();
    }

    private static void assertBadRequest(Answer answer, String field) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.body().get("success").asBoolean()).isFalse();
        assertThat(answer.body().get("message").asString()).isNotBlank();
        if (field != null) {
            assertThat(answer.body().get("field").asString()).isEqualTo(field);
        }
    }

    @Test
    void sourcesAreCreatedWithAKeyShownOnceListedAndRevoked() {
        JsonNode created = graphql()
                .document("createSource", "name", "  pos  ")
                .get("data")
                .get("createSource");
        String sourceId = created.get("source").get("id").asString();
        assertThat(created.get("writeKey").asString()).matches("wk_[A-Za-z0-9_-]{43}");
        assertThat(created.get("source").get("name").asString()).isEqualTo("pos");
        assertThat(created.get("source").get("revoked").asBoolean()).isFalse();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(graphql()
                        .document("sources", "includeRevoked", true)
                        .get("data")
                        .get("sources")
                        .findValuesAsString("id"))
                .contains(sourceId));

        JsonNode revoked =
                graphql().document("revokeSource", "id", sourceId).get("data").get("revokeSource");
        assertThat(revoked.get("revoked").asBoolean()).isTrue();
        String revokedAt = revoked.get("revokedAt").asString();
        JsonNode again =
                graphql().document("revokeSource", "id", sourceId).get("data").get("revokeSource");
        assertThat(again.get("revokedAt").asString())
                .as("revoking twice changes nothing")
                .isEqualTo(revokedAt);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(graphql()
                            .document("sources", "includeRevoked", false)
                            .get("data")
                            .get("sources")
                            .findValuesAsString("id"))
                    .doesNotContain(sourceId);
            assertThat(graphql()
                            .document("sources", "includeRevoked", true)
                            .get("data")
                            .get("sources")
                            .findValuesAsString("id"))
                    .contains(sourceId);
        });
    }

    @Test
    void aResetRebuildsTheSourcesViewWithTheOtherViews() {
        CreatedSource kept = createSource("kept");
        CreatedSource revoked = createSource("revoked");
        graphql().document("revokeSource", "id", revoked.id());
        Predicate<JsonNode> bothListed = sources -> {
            boolean keptLive = false;
            boolean revokedShown = false;
            for (JsonNode source : sources) {
                String id = source.get("id").asString();
                keptLive |= id.equals(kept.id()) && !source.get("revoked").asBoolean();
                revokedShown |= id.equals(revoked.id()) && source.get("revoked").asBoolean();
            }
            return keptLive && revokedShown;
        };
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> graphql()
                                .document("sources", "includeRevoked", true)
                                .get("data")
                                .get("sources"),
                        bothListed);

        StreamingEventProcessor processor = processing
                .eventProcessor(CustomerViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> graphql()
                                .document("sources", "includeRevoked", true)
                                .get("data")
                                .get("sources"),
                        bothListed);
        awaitCaughtUp(processor);
        assertThat(processor.processingStatus().values()).noneMatch(status -> status.isErrorState());
    }

    @Test
    void sourceMistakesAreBadInputOrNotFound() {
        JsonNode blank =
                graphql().document("createSource", "name", " ").get("errors").get(0);
        assertThat(blank.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(blank.get("extensions").get("field").asString()).isEqualTo("name");
        JsonNode tooLong = graphql()
                .document("createSource", "name", "x".repeat(101))
                .get("errors")
                .get(0);
        assertThat(tooLong.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");

        JsonNode unknown =
                graphql().document("revokeSource", "id", UUID.randomUUID().toString());
        assertThat(unknown.get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void screenGroupAndAliasEachHaveTheirOwnEndpoint() {
        CreatedSource app = createSource("app");
        String userId = id("user");
        assertOk(segment()
                .postBasic(
                        "/v1/screen",
                        app.writeKey(),
                        "{\"messageId\": \"%s\", \"userId\": \"%s\", \"name\": \"Home\"}"
                                .formatted(id("screen"), userId)));
        assertOk(segment()
                .postBasic(
                        "/v1/group",
                        app.writeKey(),
                        "{\"messageId\": \"%s\", \"userId\": \"%s\", \"groupId\": \"acme\"}"
                                .formatted(id("group"), userId)));
        assertOk(segment()
                .postBasic(
                        "/v1/alias",
                        app.writeKey(),
                        "{\"messageId\": \"%s\", \"userId\": \"%s\", \"previousId\": \"%s\"}"
                                .formatted(id("alias"), userId, id("anon"))));
        assertThat(segment().postBasic("/v1/trackx", app.writeKey(), "{}").status())
                .isNotEqualTo(200);
    }

    @Test
    void identifyTrackAndPageWithBasicAuthBuildOneProfile() {
        CreatedSource web = createSource("web");
        String userId = id("user");
        String anonymousId = id("anon");
        String email = userId + "@example.jp";
        Instant originalTimestamp = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

        assertOk(segment()
                .postBasic(
                        "/v1/identify",
                        web.writeKey(),
                        """
                        {"messageId": "%s", "userId": "%s", "anonymousId": "%s",
                         "traits": {"name": "Hanako Yamada", "email": "%s", "plan": "free"}}
                        """
                                .formatted(id("identify"), userId, anonymousId, email)));
        assertOk(segment()
                .postBasic(
                        "/v1/track",
                        web.writeKey(),
                        """
                        {"messageId": "%s", "userId": "%s", "event": "Order Completed",
                         "properties": {"orderId": "o-1", "revenue": 3980, "currency": "JPY"},
                         "context": {"library": {"name": "analytics-node", "version": "2.0.0"}}}
                        """
                                .formatted(id("track"), userId)));
        Instant before = Instant.now();
        assertOk(segment()
                .postBasic(
                        "/v1/page",
                        web.writeKey(),
                        """
                        {"messageId": "%s", "anonymousId": "%s", "name": "Pricing",
                         "originalTimestamp": "%s", "sentAt": "%s",
                         "context": {"page": {"url": "https://kizuna.example/pricing",
                                              "referrer": "https://search.example/"},
                                     "campaign": {"name": "autumn-sale", "source": "newsletter"}}}
                        """
                                .formatted(
                                        id("page"),
                                        anonymousId,
                                        originalTimestamp,
                                        originalTimestamp.plusSeconds(90))));
        Instant after = Instant.now();

        JsonNode customer = customerEventually(
                "userId",
                userId,
                c -> c.get("touchpointCount").asInt() == 2 && c.get("traits").has("name"));
        assertThat(customer.get("identifiers").findValuesAsString("value")).contains(userId, anonymousId, email);
        assertThat(customer.get("traits").get("name").asString()).isEqualTo("Hanako Yamada");
        assertThat(keys(customer.get("countsByType"))).containsExactlyInAnyOrder("order_completed", "web_visit");
        assertThat(keys(customer.get("countsByChannel"))).containsExactlyInAnyOrder("server", "web");
        assertThat(customer.get("lifetimeValue").get(0).get("amount").decimalValue())
                .isEqualByComparingTo("3980");
        assertThat(customer.get("lifetimeValue").get(0).get("currency").asString())
                .isEqualTo("JPY");
        JsonNode byEmail = customerEventually("email", email, c -> true);
        assertThat(byEmail.get("id").asString()).isEqualTo(customer.get("id").asString());

        // The timeline is refreshed on its own schedule: wait for it as for the profile.
        JsonNode page = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            for (JsonNode edge : timeline(customer.get("id").asString())) {
                                if (edge.get("node").get("type").asString().equals("web_visit")) {
                                    return edge.get("node");
                                }
                            }
                            return null;
                        },
                        node -> node != null);
        assertThat(page.get("campaign").asString()).isEqualTo("autumn-sale");
        assertThat(page.get("properties").get("url").asString()).isEqualTo("https://kizuna.example/pricing");
        assertThat(page.get("properties").get("referrer").asString()).isEqualTo("https://search.example/");
        JsonNode raw = page.get("properties").get("_segment");
        assertThat(raw.get("originalTimestamp").asString()).isEqualTo(originalTimestamp.toString());
        assertThat(raw.get("sentAt").asString()).isNotBlank();
        assertThat(raw.get("receivedAt").asString()).isNotBlank();
        assertThat(raw.get("context").get("campaign").get("source").asString()).isEqualTo("newsletter");
        // occurredAt = receivedAt - (sentAt - originalTimestamp): 90 s before the request arrived
        Instant occurredAt = Instant.parse(page.get("occurredAt").asString());
        assertThat(occurredAt)
                .isBetween(
                        before.minusSeconds(90).minusMillis(5),
                        after.minusSeconds(90).plusMillis(5));
    }

    @Test
    void aGzippedBatchWithItsKeyInTheBodyIsStoredOnceEvenWhenSentAgain() {
        CreatedSource pos = createSource("pos");
        String userId = id("user");
        String batch =
                """
                {"writeKey": "%s", "sentAt": "%s",
                 "context": {"channel": "store", "campaign": {"name": "winter"}},
                 "batch": [
                   {"type": "track", "messageId": "%s", "userId": "%s", "event": "Store Visit"},
                   {"type": "track", "messageId": "%s", "userId": "%s", "event": "Order Completed",
                    "properties": {"total": "12.50", "currency": "usd"}},
                   {"type": "identify", "messageId": "%s", "userId": "%s", "traits": {"tier": "gold"}}
                 ]}
                """
                        .formatted(pos.writeKey(), Instant.now(), id("b"), userId, id("b"), userId, id("b"), userId);

        assertOk(segment().postGzip("/v1/batch", null, batch));
        JsonNode customer = customerEventually(
                "userId",
                userId,
                c -> c.get("touchpointCount").asInt() == 2 && c.get("traits").has("tier"));
        assertThat(keys(customer.get("countsByType"))).containsExactlyInAnyOrder("store_visit", "order_completed");
        assertThat(keys(customer.get("countsByChannel"))).containsExactly("store");
        assertThat(customer.get("lifetimeValue").get(0).get("amount").decimalValue())
                .isEqualByComparingTo("12.5");
        assertThat(customer.get("lifetimeValue").get(0).get("currency").asString())
                .isEqualTo("USD");

        long stored = storedEvents();
        assertOk(segment().postGzip("/v1/import", null, batch));
        assertOk(segment().postGzip("/v1/batch", SegmentHttp.basic("wk_ignored_when_the_body_has_one"), batch));
        assertThat(storedEvents()).as("a resent batch stores nothing").isEqualTo(stored);
        assertThat(customerEventually("userId", userId, c -> true)
                        .get("touchpointCount")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void missingUnknownAndRevokedWriteKeysAre401() {
        String track =
                """
                {"messageId": "%s", "userId": "u-401", "event": "Clicked"}
                """
                        .formatted(id("m"));
        Answer none = segment().post("/v1/track", track);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().get("success").asBoolean()).isFalse();
        assertThat(segment().postBasic("/v1/track", "wk_not_a_key", track).status())
                .isEqualTo(401);

        CreatedSource crm = createSource("crm");
        assertOk(segment().postBasic("/v1/track", crm.writeKey(), track));
        graphql().document("revokeSource", "id", crm.id());
        Answer revoked = segment().postBasic("/v1/track", crm.writeKey(), track.replace("Clicked", "Clicked Again"));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.body().get("message").asString()).contains("revoked");
        Answer inBody = segment()
                .post(
                        "/v1/batch",
                        "{\"writeKey\": \"%s\", \"batch\": [{\"type\": \"track\", \"messageId\": \"%s\","
                                        .formatted(crm.writeKey(), id("m"))
                                + " \"userId\": \"u\", \"event\": \"E\"}]}");
        assertThat(inBody.status()).isEqualTo(401);
    }

    @Test
    void malformedCallsAre400NamingTheFieldAndStoreNothing() {
        String key = createSource("web").writeKey();
        SegmentHttp segment = segment();

        assertBadRequest(segment.postBasic("/v1/track", key, "{\"messageId\": "), null);
        assertBadRequest(
                segment.postBasic(
                        "/v1/track",
                        key,
                        "{\"messageId\": \"m\", \"userId\": \"u\", \"event\": \"E\", \"properties\": {\"blob\": \""
                                + "x".repeat(33 * 1024) + "\"}}"),
                null);
        assertBadRequest(segment.postBasic("/v1/track", key, "{\"messageId\": \"m\", \"event\": \"E\"}"), "userId");
        assertBadRequest(segment.postBasic("/v1/track", key, "{\"messageId\": \"m\", \"userId\": \"u\"}"), "event");
        assertBadRequest(segment.postBasic("/v1/track", key, "{\"userId\": \"u\", \"event\": \"E\"}"), "messageId");
        assertBadRequest(segment.postBasic("/v1/group", key, "{\"messageId\": \"m\", \"userId\": \"u\"}"), "groupId");
        assertBadRequest(
                segment.postBasic("/v1/alias", key, "{\"messageId\": \"m\", \"userId\": \"u\"}"), "previousId");

        String bigMessage = "{\"type\": \"track\", \"messageId\": \"m\", \"userId\": \"u\", \"event\": \"E\","
                + " \"properties\": {\"blob\": \"" + "x".repeat(30 * 1024) + "\"}}";
        String tooBig = IntStream.range(0, 20).mapToObj(i -> bigMessage).collect(Collectors.joining(","));
        assertBadRequest(segment.postBasic("/v1/batch", key, "{\"batch\": [" + tooBig + "]}"), null);
        String tiny = "{\"type\": \"track\"}";
        String tooMany = IntStream.range(0, limits.maxBatchMessages() + 1)
                .mapToObj(i -> tiny)
                .collect(Collectors.joining(","));
        assertBadRequest(segment.postBasic("/v1/batch", key, "{\"batch\": [" + tooMany + "]}"), "batch");

        long stored = storedEvents();
        String userId = id("user");
        String oneBad =
                """
                {"batch": [
                  {"type": "track", "messageId": "%s", "userId": "%s", "event": "Fine"},
                  {"type": "track", "messageId": "%s", "userId": "%s"}
                ]}
                """
                        .formatted(id("m"), userId, id("m"), userId);
        assertBadRequest(segment.postBasic("/v1/batch", key, oneBad), "batch[1].event");
        String badCurrency =
                """
                {"batch": [
                  {"type": "track", "messageId": "%s", "userId": "%s", "event": "Order Completed",
                   "properties": {"revenue": 10, "currency": "dollars"}}
                ]}
                """
                        .formatted(id("m"), userId);
        assertBadRequest(segment.postBasic("/v1/batch", key, badCurrency), "batch[0].properties.currency");
        assertThat(storedEvents()).as("a refused request stores nothing").isEqualTo(stored);
    }

    @Test
    void overloadIsAnswered429WithRetryAfter() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            // Requests whose bodies never finish hold every intake slot.
            for (int i = 0; i < limits.maxConcurrentRequests(); i++) {
                Socket socket = new Socket("127.0.0.1", port);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/track HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 1000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(socket);
            }
            Answer refused = await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> segment().post("/v1/track", "{}"), answer -> answer.status() == 429);
            assertThat(refused.retryAfter()).isEqualTo("1");
            assertThat(refused.body().get("success").asBoolean()).isFalse();
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> segment().post("/v1/track", "{}").status(), status -> status == 401);
    }
}
