package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Integrators write touchpoints and frontends read profiles and timelines, over HTTP, on the real platform. */
class GraphQlEndToEndIT extends PlatformIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    DataSource dataSource;

    private static Map<String, Object> touchpoint(
            String messageId,
            String crmId,
            String type,
            String channel,
            Instant occurredAt,
            String amount,
            String currency) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("messageId", messageId);
        t.put("customer", Map.of("type", "crm", "value", crmId));
        t.put("type", type);
        t.put("channel", channel);
        t.put("occurredAt", occurredAt.toString());
        t.put("campaign", "autumn-sale");
        if (amount != null) {
            t.put("value", Map.of("amount", amount, "currency", currency));
        }
        t.put("properties", Map.of("sku", "TEA-01", "qty", 2));
        return t;
    }

    private static String crm() {
        return "C-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long storedEvents() {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    @Test
    void recordedTouchpointsAreReadBackThroughTheConsistencyToken() {
        String crm = crm();
        JsonNode recorded = graphql()
                .document(
                        "recordTouchpoints",
                        "input",
                        List.of(
                                touchpoint(uuid(), crm, "web_visit", "web", NOW.minus(3, ChronoUnit.DAYS), null, null),
                                touchpoint(
                                        uuid(),
                                        crm,
                                        "purchase",
                                        "store",
                                        NOW.minus(1, ChronoUnit.DAYS),
                                        "1200",
                                        "JPY")))
                .get("data")
                .get("recordTouchpoints");
        assertThat(recorded.get("accepted").asInt()).isEqualTo(2);
        assertThat(recorded.get("duplicates").asInt()).isZero();
        assertThat(recorded.get("customerIds")).hasSize(1);
        String token = recorded.get("consistencyToken").asString();

        JsonNode response = graphql().document("customerByIdentifier", "type", "crm", "value", crm, "token", token);
        assertThat(response.get("extensions").get("consistency").asString()).isEqualTo("REACHED");
        JsonNode customer = response.get("data").get("customerByIdentifier");
        assertThat(customer.get("id").asString())
                .isEqualTo(recorded.get("customerIds").get(0).asString());
        assertThat(customer.get("touchpointCount").asInt()).isEqualTo(2);
        assertThat(customer.get("lifetimeValue").get(0).get("amount").decimalValue())
                .isEqualByComparingTo("1200");
        assertThat(customer.get("lifetimeValue").get(0).get("currency").asString())
                .isEqualTo("JPY");
        assertThat(Instant.parse(customer.get("firstSeenAt").asString())).isEqualTo(NOW.minus(3, ChronoUnit.DAYS));
        assertThat(customer.get("lastTouchpoint").get("type").asString()).isEqualTo("purchase");

        JsonNode timeline = graphql()
                .document("customerTimeline", "id", customer.get("id").asString(), "token", token, "first", 10)
                .get("data")
                .get("customer")
                .get("timeline");
        assertThat(timeline.get("edges")).hasSize(2);
        JsonNode newest = timeline.get("edges").get(0).get("node");
        assertThat(newest.get("type").asString()).isEqualTo("purchase");
        assertThat(newest.get("properties").get("sku").asString()).isEqualTo("TEA-01");
        assertThat(newest.get("campaign").asString()).isEqualTo("autumn-sale");
        assertThat(newest.get("recordedAt").asString()).isNotBlank();
    }

    @Test
    void aRetriedBatchIsAcknowledgedAsDuplicatesAndStoredOnce() {
        String crm = crm();
        List<Map<String, Object>> batch = List.of(
                touchpoint(uuid(), crm, "email_open", "email", NOW.minus(2, ChronoUnit.HOURS), null, null),
                touchpoint(uuid(), crm, "ad_click", "ads", NOW.minus(1, ChronoUnit.HOURS), null, null));
        graphql().document("recordTouchpoints", "input", batch);

        JsonNode retry = graphql()
                .document("recordTouchpoints", "input", batch)
                .get("data")
                .get("recordTouchpoints");
        assertThat(retry.get("accepted").asInt()).isZero();
        assertThat(retry.get("duplicates").asInt()).isEqualTo(2);

        JsonNode customer = graphql()
                .document(
                        "customerByIdentifier",
                        "type",
                        "crm",
                        "value",
                        crm,
                        "token",
                        retry.get("consistencyToken").asString())
                .get("data")
                .get("customerByIdentifier");
        assertThat(customer.get("touchpointCount").asInt()).isEqualTo(2);
    }

    @Test
    void aBatchWithOneInvalidTouchpointStoresNothingAndNamesTheField() {
        long before = storedEvents();
        String crm = crm();
        JsonNode response = graphql()
                .document(
                        "recordTouchpoints",
                        "input",
                        List.of(
                                touchpoint(uuid(), crm, "purchase", "store", NOW, "10", "USD"),
                                touchpoint(uuid(), crm, "purchase", "store", NOW, "10", "usd")));

        assertThat(response.get("data").isNull()).isTrue();
        JsonNode error = response.get("errors").get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("extensions").get("field").asString()).isEqualTo("input[1].value.currency");
        assertThat(error.get("path").get(0).asString()).isEqualTo("recordTouchpoints");
        assertThat(error.get("message").asString()).contains("ISO 4217");
        assertThat(storedEvents()).isEqualTo(before);

        JsonNode lookup = graphql().document("customerByIdentifier", "type", "crm", "value", crm);
        assertThat(lookup.get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void everyViolationOfABatchIsReported() {
        Map<String, Object> bad = touchpoint(" ", crm(), "Web Visit", "web", NOW.plus(3, ChronoUnit.DAYS), null, null);
        JsonNode errors =
                graphql().document("recordTouchpoints", "input", List.of(bad)).get("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.get("extensions").get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("input[0].messageId", "input[0].type", "input[0].occurredAt");
    }

    @Test
    void aBadlyTypedValueIsABadUserInput() {
        Map<String, Object> bad = touchpoint(uuid(), crm(), "purchase", "store", NOW, null, null);
        bad.put("occurredAt", "yesterday");
        JsonNode error = graphql()
                .document("recordTouchpoints", "input", List.of(bad))
                .get("errors")
                .get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("extensions").get("field").asString()).isEqualTo("input[0].occurredAt");
        assertThat(error.get("message").asString()).contains("yesterday");
    }

    @Test
    void anUnknownFieldIsAValidationFailure() {
        JsonNode error = graphql()
                .query("{ customers { edges { node { shoeSize } } } }", Map.of())
                .get("errors")
                .get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void aNonUuidCustomerIdIsABadUserInput() {
        JsonNode error = graphql()
                .query("{ customer(id: \"hanako\") { id } }", Map.of())
                .get("errors")
                .get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("extensions").get("field").asString()).isEqualTo("id");
    }

    @Test
    void aBatchOverTheLimitIsRefused() {
        List<Map<String, Object>> batch = new ArrayList<>();
        String crm = crm();
        for (int i = 0; i < 51; i++) {
            batch.add(touchpoint(uuid(), crm, "web_visit", "web", NOW, null, null));
        }
        JsonNode error = graphql()
                .document("recordTouchpoints", "input", batch)
                .get("errors")
                .get(0);
        assertThat(error.get("extensions").get("code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("message").asString()).contains("at most 50 touchpoints");
    }

    @Test
    void anOversizeRequestIsRefusedWith413() {
        String huge = "x".repeat(70_000);
        HttpResponse<String> response =
                graphql().post("{\"query\":\"{ customers { totalCount } }\",\"variables\":{\"pad\":\"" + huge + "\"}}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void traitsAreSetRemovedAndSearchable() {
        String crm = crm();
        String surname = "Sato" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> traits = new HashMap<>();
        traits.put("name", "Taro " + surname);
        traits.put("plan", "gold");
        graphql()
                .document(
                        "updateTraits",
                        "input",
                        Map.of("customer", Map.of("type", "crm", "value", crm), "traits", traits));
        Map<String, Object> removal = new HashMap<>();
        removal.put("plan", null);
        JsonNode updated = graphql()
                .document(
                        "updateTraits",
                        "input",
                        Map.of("customer", Map.of("type", "crm", "value", crm), "traits", removal))
                .get("data")
                .get("updateTraits");
        assertThat(updated.get("changed").asBoolean()).isTrue();

        JsonNode found = graphql()
                .document(
                        "searchCustomers",
                        "query",
                        surname,
                        "token",
                        updated.get("consistencyToken").asString())
                .get("data")
                .get("customers");
        assertThat(found.get("totalCount").asInt()).isEqualTo(1);
        String id = found.get("edges").get(0).get("node").get("id").asString();
        JsonNode customer = graphql()
                .query("{ customer(id: \"" + id + "\") { traits } }", Map.of())
                .get("data")
                .get("customer");
        assertThat(customer.get("traits").has("plan")).isFalse();
        assertThat(customer.get("traits").get("name").asString()).isEqualTo("Taro " + surname);
    }

    @Test
    void searchFiltersAndPagesThroughCustomers() {
        String campaign = "c" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> t =
                    touchpoint(uuid(), crm(), "coupon_redeemed", "store", NOW.minus(i, ChronoUnit.HOURS), null, null);
            t.put("campaign", campaign);
            batch.add(t);
        }
        String token = graphql()
                .document("recordTouchpoints", "input", batch)
                .get("data")
                .get("recordTouchpoints")
                .get("consistencyToken")
                .asString();

        Map<String, Object> filter = Map.of("campaigns", List.of(campaign));
        JsonNode first = graphql()
                .document("searchCustomers", "filter", filter, "first", 3, "token", token)
                .get("data")
                .get("customers");
        assertThat(first.get("totalCount").asInt()).isEqualTo(5);
        assertThat(first.get("edges")).hasSize(3);
        assertThat(first.get("pageInfo").get("hasNextPage").asBoolean()).isTrue();
        JsonNode second = graphql()
                .document(
                        "searchCustomers",
                        "filter",
                        filter,
                        "first",
                        3,
                        "after",
                        first.get("pageInfo").get("endCursor").asString())
                .get("data")
                .get("customers");
        assertThat(second.get("edges")).hasSize(2);
        assertThat(second.get("pageInfo").get("hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void graphiqlIsServedWithItsOwnAssets() {
        HttpResponse<String> redirect = graphql().get("/graphiql");
        assertThat(redirect.statusCode()).isEqualTo(302);
        HttpResponse<String> page = graphql().get("/graphiql/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Kizuna GraphiQL").doesNotContain("https://");
        assertThat(graphql().get("/graphiql/vendor/graphiql.min.js").statusCode())
                .isEqualTo(200);
    }

    @Test
    void healthShowsTheEventStoreElasticsearchAndTheViews() {
        JsonNode health =
                GraphQlClient.JSON.readTree(graphql().get("/actuator/health").body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("eventStore").get("status").asString())
                .isEqualTo("UP");
        assertThat(health.get("components").get("elasticsearch").get("status").asString())
                .isEqualTo("UP");
        assertThat(health.get("components").get("views").get("status").asString())
                .isEqualTo("UP");
        assertThat(graphql().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
