package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who looked: reads of customer history through GraphQL are recorded in the access log, with the caller's API key
 * (id, name and role), and the log answers with filters and pages. Reading the log is such a read itself, so these
 * tests use auditLog to make the reads they look for.
 */
class AccessLogIT extends PlatformIT {

    /** The bootstrap admin key as the access log names it: {@code key:<id> (bootstrap-admin, ADMIN)}. */
    private String admin() {
        JsonNode keys = graphql().query("{ apiKeys { id name role } }", Map.of());
        for (JsonNode key : keys.at("/data/apiKeys")) {
            if (key.get("name").asString().equals("bootstrap-admin")) {
                return "key:" + key.get("id").asString() + " (bootstrap-admin, ADMIN)";
            }
        }
        throw new IllegalStateException("no bootstrap admin key: " + keys);
    }

    /** Runs graphql-test/auditLog.graphql with variables given as alternating names and values. */
    private JsonNode auditLog(Object... variables) {
        return graphql().document("auditLog", variables);
    }

    /** Waits (up to 10 s) until the log has this many entries for the customer before {@code to}, and returns them. */
    private List<JsonNode> awaitEntries(String customerId, Instant to, int count) {
        AtomicReference<List<JsonNode>> entries = new AtomicReference<>(List.of());
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode log = auditLog("customerId", customerId, "to", to.toString(), "first", 100);
                    assertThat(log.path("errors").isMissingNode())
                            .as(log.toString())
                            .isTrue();
                    List<JsonNode> nodes = new ArrayList<>();
                    log.at("/data/auditLog/edges").forEach(edge -> nodes.add(edge.get("node")));
                    entries.set(nodes);
                    return nodes.size() >= count;
                });
        assertThat(entries.get()).hasSize(count);
        return entries.get();
    }

    @Test
    void readingTheAccessLogIsRecordedInIt() {
        String customerId = UUID.randomUUID().toString();

        JsonNode read = auditLog("customerId", customerId, "first", 10);

        assertThat(read.path("errors").isMissingNode()).as(read.toString()).isTrue();
        assertThat(read.at("/data/auditLog/totalCount").asInt()).isZero();
        JsonNode entry = awaitEntries(customerId, Instant.now(), 1).get(0);
        assertThat(entry.get("operation").asString()).isEqualTo("auditLog");
        assertThat(entry.get("actor").asString()).startsWith("key:").isEqualTo(admin());
        assertThat(entry.get("customerId").asString()).isEqualTo(customerId);
        assertThat(entry.get("outcome").asString()).isEqualTo("ok");
        assertThat(entry.get("arguments").get("customerId").asString()).isEqualTo(customerId);
        assertThat(entry.get("arguments").get("first").asString()).isEqualTo("10");
        assertThat(Instant.parse(entry.get("at").asString())).isBefore(Instant.now());
        assertThat(UUID.fromString(entry.get("id").asString())).isNotNull();
    }

    @Test
    void aFailedReadIsRecordedAsAnError() {
        String customerId = UUID.randomUUID().toString();

        JsonNode read = auditLog("customerId", customerId, "first", 0);

        assertThat(read.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(read.at("/errors/0/extensions/field").asString()).isEqualTo("first");
        JsonNode entry = awaitEntries(customerId, Instant.now(), 1).get(0);
        assertThat(entry.get("operation").asString()).isEqualTo("auditLog");
        assertThat(entry.get("outcome").asString()).isEqualTo("error");
        assertThat(entry.get("arguments").get("first").asString()).isEqualTo("0");
    }

    @Test
    void theActorIsTheKeyNotWhatTheClientClaims() throws Exception {
        String customerId = UUID.randomUUID().toString();
        String body = GraphQlClient.JSON.writeValueAsString(Map.of(
                "query",
                "query($c: ID) { auditLog(customerId: $c, actor: \"anonymous@203.0.113.5\") { totalCount } }",
                "variables",
                Map.of("c", customerId)));
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", TestKeys.bearer(TestKeys.ADMIN))
                                .header("X-Forwarded-For", "203.0.113.5")
                                .header("Forwarded", "for=203.0.113.5")
                                .header("X-User", "somebody-else")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        JsonNode entry = awaitEntries(customerId, Instant.now(), 1).get(0);
        assertThat(entry.get("actor").asString()).isEqualTo(admin());
        assertThat(entry.get("arguments").has("actor"))
                .as("free text such as an actor filter is not kept")
                .isFalse();
    }

    @Test
    void aReadIsRecordedWithTheIdNameAndRoleOfItsKey() {
        GraphQlClient admin = graphql();
        String auditorKey = admin.createKey("audit-team", "AUDITOR");
        String auditorId = null;
        for (JsonNode key : admin.query("{ apiKeys { id name } }", Map.of()).at("/data/apiKeys")) {
            if (key.get("name").asString().equals("audit-team")) {
                auditorId = key.get("id").asString();
            }
        }
        String customerId = UUID.randomUUID().toString();

        JsonNode read = graphql().withKey(auditorKey).document("auditLog", "customerId", customerId);

        assertThat(read.path("errors").isMissingNode()).as(read.toString()).isTrue();
        JsonNode entry = awaitEntries(customerId, Instant.now(), 1).get(0);
        assertThat(entry.get("actor").asString()).isEqualTo("key:" + auditorId + " (audit-team, AUDITOR)");
    }

    @Test
    void theLogFiltersByActorCustomerAndTimeAndPagesNewestFirst() throws IOException {
        String customerId = UUID.randomUUID().toString();
        Instant before = Instant.now();
        for (int i = 0; i < 5; i++) {
            auditLog("customerId", customerId, "first", i + 1);
        }
        Instant after = Instant.now();
        // the reads below are recorded too, later than `after`: every look is bounded by it
        awaitEntries(customerId, after, 5);

        assertThat(auditLog("customerId", customerId, "to", after.toString(), "actor", admin())
                        .at("/data/auditLog/totalCount")
                        .asInt())
                .isEqualTo(5);
        assertThat(auditLog("customerId", customerId, "to", after.toString(), "actor", "anonymous@198.51.100.1")
                        .at("/data/auditLog/totalCount")
                        .asInt())
                .isZero();
        assertThat(auditLog("customerId", customerId, "to", before.toString())
                        .at("/data/auditLog/totalCount")
                        .asInt())
                .isZero();

        List<String> ids = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<Boolean> hasNext = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = auditLog("customerId", customerId, "to", after.toString(), "first", 2, "after", cursor)
                    .at("/data/auditLog");
            page.get("edges").forEach(edge -> {
                ids.add(edge.at("/node/id").asString());
                times.add(Instant.parse(edge.at("/node/at").asString()));
            });
            hasNext.add(page.at("/pageInfo/hasNextPage").asBoolean());
            assertThat(page.at("/pageInfo/hasPreviousPage").asBoolean()).isEqualTo(cursor != null);
            cursor = page.at("/pageInfo/endCursor").asString();
        } while (hasNext.get(hasNext.size() - 1));

        assertThat(hasNext).containsExactly(true, true, false);
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(times).allSatisfy(t -> assertThat(t).isBetween(before, after));
    }

    /** A new customer with one touchpoint, as an integrator would make one. */
    private String newCustomer() {
        Map<String, Object> touchpoint = Map.of(
                "messageId", UUID.randomUUID().toString(),
                "customer", Map.of("type", "crm", "value", "AL-" + UUID.randomUUID()),
                "type", "store_visit",
                "channel", "store",
                "occurredAt", Instant.now().minusSeconds(60).toString());
        JsonNode recorded = graphql().document("recordTouchpoints", "input", List.of(touchpoint));
        assertThat(recorded.get("errors")).as(recorded.toString()).isNull();
        return recorded.at("/data/recordTouchpoints/customerIds/0").asString();
    }

    @Test
    void replayingACustomersHistoryIsRecordedWithThatCustomer() {
        String customerId = newCustomer();

        JsonNode read = graphql()
                .query(
                        "query($id: ID!) { customerHistory(id: $id, first: 5, types: [\"TouchpointRecorded\"]) {"
                                + " totalCount } }",
                        Map.of("id", customerId));

        assertThat(read.path("errors").isMissingNode()).as(read.toString()).isTrue();
        JsonNode entry = awaitEntries(customerId, Instant.now(), 1).get(0);
        assertThat(entry.get("operation").asString()).isEqualTo("customerHistory");
        assertThat(entry.get("customerId").asString()).isEqualTo(customerId);
        assertThat(entry.get("actor").asString()).isEqualTo(admin());
        assertThat(entry.get("outcome").asString()).isEqualTo("ok");
        assertThat(entry.get("arguments").get("id").asString()).isEqualTo(customerId);
        assertThat(entry.get("arguments").get("first").asString()).isEqualTo("5");
        assertThat(entry.get("arguments").get("types").get(0).asString()).isEqualTo("TouchpointRecorded");
    }

    @Test
    void timeTravelAndVerificationAreRecordedOncePerFieldWithTheirCustomer() {
        String customerId = newCustomer();
        Instant knownAt = Instant.now();

        graphql()
                .query(
                        "query($id: ID!, $knownAt: DateTime) { customerAsOf(id: $id, knownAt: $knownAt) { id }"
                                + " verifyHistory(id: $id) { ok } }",
                        Map.of("id", customerId, "knownAt", knownAt.toString()));

        List<JsonNode> entries = awaitEntries(customerId, Instant.now(), 2);
        assertThat(entries)
                .extracting(e -> e.get("operation").asString())
                .containsExactlyInAnyOrder("customerAsOf", "verifyHistory");
        JsonNode asOf = entries.stream()
                .filter(e -> e.get("operation").asString().equals("customerAsOf"))
                .findFirst()
                .orElseThrow();
        assertThat(asOf.get("arguments").get("knownAt").asString()).isEqualTo(knownAt.toString());
    }
}
