package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.KizunaApplication;
import io.kizuna.api.identity.IdentifierClaimed;
import io.kizuna.api.identity.IdentifierReassigned;
import io.kizuna.api.identity.IdentifierReleased;
import io.kizuna.api.privacy.CustomerForgotten;
import io.kizuna.api.privacy.PersonalData;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Erasure by crypto-shredding, end to end through GraphQL, on the embedded H2 file and on PostgreSQL (a database of
 * its own, dropped afterwards): a person (a customer and the customer merged into it) is forgotten; afterwards none of
 * their personal values (name, email, phone, address, a property declared personal) can be read in any table of the
 * database, any Elasticsearch index (also after the views are rebuilt) or the application's log; history and time
 * travel show them redacted, the history still verifies, journey and segment figures are as before, forgetting again
 * changes nothing, and the person coming back is a new customer.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErasureIT {

    private static final String PREFIX =
            "erasure-it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final ScratchDatabase DATABASE = ScratchDatabase.named("kizuna_it_");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void createDatabase() throws Exception {
        DATABASE.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        DATABASE.drop();
    }

    private static ConfigurableApplicationContext start(String store, Path dataDir) {
        List<String> arguments = List.of(
                "--server.port=0",
                "--kizuna.data-dir=" + dataDir,
                "--kizuna.elasticsearch.managed=false",
                "--kizuna.elasticsearch.url=" + TestElasticsearch.url(),
                "--kizuna.elasticsearch.index-prefix=" + PREFIX + store + "-",
                "--kizuna.postgres.url=" + DATABASE.url(),
                "--kizuna.privacy.properties=delivery_address",
                // snapshots early, so that they are there to be checked
                "--kizuna.command.snapshot-threshold=3");
        return new SpringApplicationBuilder(KizunaApplication.class)
                .profiles(store.equals("postgres") ? new String[] {"postgres"} : new String[0])
                .run(arguments.toArray(String[]::new));
    }

    /** One person's personal values, unique to this run so that no other data can contain them. */
    private record Person(String email, String otherEmail, String name, String phone, String address, String delivery) {

        static Person unique() {
            String u = UUID.randomUUID().toString().substring(0, 8);
            long digits = 10_000_000L + ThreadLocalRandom.current().nextLong(89_999_999L);
            return new Person(
                    "hanako." + u + "@example.com",
                    "h.yamada." + u + "@example.org",
                    "山田花子 Hanako" + u,
                    "+8190" + digits,
                    u + " Gion-machi Kyoto",
                    u + " Ginza Chuo-ku");
        }

        List<String> values() {
            return List.of(email, otherEmail, name, phone, address, delivery);
        }

        String[] array() {
            return values().toArray(String[]::new);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aForgottenPersonLeavesNoReadablePersonalDataAndTheStatisticsStay(String store, CapturedOutput output)
            throws Exception {
        Path dataDir = Files.createTempDirectory("kizuna-erasure-" + store);
        Person person = Person.unique();
        Person control = Person.unique();
        try (ConfigurableApplicationContext app = start(store, dataDir)) {
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            GraphQlClient graphql =
                    new GraphQlClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
            String indices = PREFIX + store + "-*";

            String survivor = record(graphql, person, person.email());
            String absorbed = record(graphql, person, person.otherEmail());
            String controlId = record(graphql, control, control.email());
            JsonNode merged = graphql.document(
                    "mergeCustomers", "survivorId", survivor, "absorbedId", absorbed, "reason", "one person");
            assertThat(merged.path("data").path("mergeCustomers").path("merged").asBoolean())
                    .as(merged.toString())
                    .isTrue();
            JsonNode before = awaitProfile(
                    graphql,
                    survivor,
                    p -> p.path("traits").path("name").asString("").equals(person.name())
                            && p.path("mergedFrom").size() == 1
                            && p.path("touchpointCount").asInt() == 6);
            assertThat(before.toString()).contains(person.email(), person.delivery());
            // stored sealed from the start: snapshots were taken, and no table holds a personal value in the clear
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                            Long.class,
                            survivor))
                    .isPositive();
            assertThat(readableInDatabase(jdbc, person.values())).isEmpty();
            JsonNode statisticsBefore = settledStatistics(graphql);

            // forgetting the absorbed customer forgets the person: the survivor and everything merged into it
            JsonNode forgotten = graphql.document("forgetCustomer", "id", absorbed, "reason", "erasure request 42");
            assertThat(forgotten.get("errors")).as(forgotten.toString()).isNull();
            JsonNode payload = forgotten.path("data").path("forgetCustomer");
            assertThat(payload.path("customerId").asString()).isEqualTo(survivor);
            Instant forgottenAt = Instant.parse(payload.path("forgottenAt").asString());
            assertThat(forgottenAt)
                    .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));

            JsonNode again = graphql.document("forgetCustomer", "id", survivor, "reason", "asked twice");
            assertThat(again.path("data")
                            .path("forgetCustomer")
                            .path("forgottenAt")
                            .asString())
                    .as("forgetting twice changes nothing")
                    .isEqualTo(payload.path("forgottenAt").asString());

            // the views follow within moments: the survivor's, and the absorbed customer's timeline within it
            JsonNode after = awaitProfile(graphql, survivor, p -> person.values().stream()
                    .noneMatch(value -> p.toString().contains(value)));
            assertThat(after.path("traits").path("name").asString()).isEqualTo(PersonalData.REDACTED);
            assertThat(after.toString()).doesNotContain(person.array());
            assertThat(after.path("traits").path("plan").asString()).isEqualTo("gold");
            assertThat(after.path("touchpointCount").asInt())
                    .isEqualTo(before.path("touchpointCount").asInt());
            assertThat(after.path("countsByType")).isEqualTo(before.path("countsByType"));
            assertThat(after.path("lifetimeValue")).isEqualTo(before.path("lifetimeValue"));
            assertThat(after.path("stages")).isEqualTo(before.path("stages"));
            assertThat(after.path("identifiers").toString()).contains("\"type\":\"email\"", PersonalData.REDACTED);
            assertThat(after.path("timeline").toString()).contains("TEA-01", PersonalData.REDACTED);

            // statistics: the same figures as before
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(statistics(graphql)).isEqualTo(statisticsBefore));

            // history and time travel: redacted; the hash chain still verifies
            for (String id : List.of(survivor, absorbed)) {
                JsonNode history = graphql.document("customerHistory", "id", id, "first", 100);
                assertThat(history.get("errors")).as(history.toString()).isNull();
                String text = history.toString();
                assertThat(text).doesNotContain(person.array()).contains(PersonalData.REDACTED, "CustomerForgotten");
                JsonNode verified = graphql.document("verifyHistory", "id", id);
                assertThat(verified.path("data")
                                .path("verifyHistory")
                                .path("ok")
                                .asBoolean())
                        .as(verified.toString())
                        .isTrue();
            }
            JsonNode asOf = graphql.document("customerAsOf", "id", survivor, "knownAt", null, "occurredBy", null);
            assertThat(asOf.get("errors")).as(asOf.toString()).isNull();
            assertThat(asOf.toString()).doesNotContain(person.array()).contains(PersonalData.REDACTED);
            assertThat(asOf.path("data")
                            .path("customerAsOf")
                            .path("touchpointCount")
                            .asInt())
                    .isEqualTo(before.path("touchpointCount").asInt());

            // nowhere readable: database, Elasticsearch, log
            for (String id : List.of(survivor, absorbed)) {
                // snapshots from before are dropped; any taken since holds the redacted state
                Long forgetting = jdbc.queryForObject(
                        "SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType = ?",
                        Long.class,
                        id,
                        CustomerForgotten.class.getName());
                assertThat(jdbc.queryForList(
                                "SELECT sequenceNumber FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                                Long.class,
                                id))
                        .allSatisfy(sequence -> assertThat(sequence).isGreaterThanOrEqualTo(forgetting));
            }
            assertThat(readableInDatabase(jdbc, person.values())).isEmpty();
            // no keyed hash of an identifier leads to the forgotten customers: claims name their owners sealed
            List<String> claimEvents = jdbc
                    .queryForList(
                            "SELECT payload FROM DomainEventEntry WHERE payloadType IN (?, ?, ?)",
                            byte[].class,
                            IdentifierClaimed.class.getName(),
                            IdentifierReassigned.class.getName(),
                            IdentifierReleased.class.getName())
                    .stream()
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                    .toList();
            assertThat(claimEvents)
                    .hasSizeGreaterThanOrEqualTo(4)
                    .noneMatch(p -> p.contains(survivor) || p.contains(absorbed));
            awaitNothingReadableInElasticsearch(indices, person);
            // the control customer proves that the searches find what is there
            assertThat(documents(indices)).contains(control.email(), control.name(), control.delivery());
            assertThat(searchAll(control.email())).isPositive();
            assertThat(controlId).isNotEqualTo(survivor);

            // a rebuild of the views from the event store makes redacted documents, never plaintext
            rebuildViews(graphql);
            awaitNothingReadableInElasticsearch(indices, person);
            JsonNode rebuilt = awaitProfile(
                    graphql, survivor, p -> p.path("touchpointCount").asInt() == 6);
            assertThat(rebuilt.toString()).doesNotContain(person.array()).contains(PersonalData.REDACTED);

            assertThat(output.getAll()).doesNotContain(person.array());

            // the claims were released: the person coming back is a new customer
            String returning = record(graphql, Person.unique(), person.email());
            assertThat(returning).isNotIn(survivor, absorbed);
        } finally {
            deleteIndices(PREFIX + store + "-*");
        }
    }

    /** Records a purchase journey and personal traits for a customer named by {@code email}; answers its id. */
    private static String record(GraphQlClient graphql, Person person, String email) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String run = UUID.randomUUID().toString();
        Map<String, Object> customer = Map.of("type", "email", "value", email);
        List<Map<String, Object>> input = List.of(
                touchpoint(run + "-1", customer, "store_visit", now.minusSeconds(300), null, Map.of("aisle", "3")),
                touchpoint(
                        run + "-2",
                        customer,
                        "purchase",
                        now.minusSeconds(200),
                        Map.of("amount", "3980", "currency", "JPY"),
                        Map.of("sku", "TEA-01", "delivery_address", person.delivery())),
                touchpoint(run + "-3", customer, "web_visit", now.minusSeconds(100), null, Map.of()));
        JsonNode recorded = graphql.document("recordTouchpoints", "input", input);
        assertThat(recorded.get("errors")).as(recorded.toString()).isNull();
        String id = recorded.path("data")
                .path("recordTouchpoints")
                .path("customerIds")
                .get(0)
                .asString();
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("name", person.name());
        traits.put("email", email);
        traits.put("phone", person.phone());
        traits.put("address", Map.of("street", person.address(), "country", "JP"));
        traits.put("plan", "gold");
        JsonNode changed = graphql.document("updateTraits", "input", Map.of("customer", customer, "traits", traits));
        assertThat(changed.get("errors")).as(changed.toString()).isNull();
        return id;
    }

    private static Map<String, Object> touchpoint(
            String messageId,
            Map<String, Object> customer,
            String type,
            Instant at,
            Map<String, Object> value,
            Map<String, Object> properties) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("messageId", messageId);
        t.put("customer", customer);
        t.put("type", type);
        t.put("channel", "store");
        t.put("occurredAt", at.toString());
        t.put("campaign", "spring");
        t.put("value", value);
        t.put("properties", properties);
        return t;
    }

    private static JsonNode awaitProfile(
            GraphQlClient graphql, String id, java.util.function.Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    JsonNode answer = graphql.document("erasureProfile", "id", id);
                    JsonNode profile = answer.path("data").path("customer");
                    last.set(profile);
                    return !profile.isMissingNode() && !profile.isNull() && condition.test(profile);
                });
        return last.get();
    }

    private static JsonNode statistics(GraphQlClient graphql) {
        JsonNode answer = graphql.document("erasureStatistics");
        assertThat(answer.get("errors")).as(answer.toString()).isNull();
        return answer.path("data");
    }

    /** The figures once background decisions (stages, segments) have settled: the same twice, two seconds apart. */
    private static JsonNode settledStatistics(GraphQlClient graphql) {
        AtomicReference<JsonNode> previous = new AtomicReference<>(statistics(graphql));
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    JsonNode now = statistics(graphql);
                    boolean same = now.equals(previous.get());
                    previous.set(now);
                    return same;
                });
        return previous.get();
    }

    /**
     * Every personal value found readable in any table of the database (each column of each row; bytes read as
     * UTF-8 text, and as Latin-1 so that any byte sequence is searched), as "table.column: value".
     */
    private static List<String> readableInDatabase(JdbcTemplate jdbc, List<String> values) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = jdbc.getDataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && schema.equalsIgnoreCase("public")) {
                        tables.add('"' + schema + "\".\"" + rs.getString("TABLE_NAME") + '"');
                    }
                }
            }
        }
        assertThat(String.join(",", tables).toLowerCase(Locale.ROOT))
                .contains(
                        "domainevententry",
                        "snapshotevententry",
                        "tokenentry",
                        "scheduled_tasks",
                        "customer_data_keys");
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            jdbc.query("SELECT * FROM " + table, rs -> {
                ResultSetMetaData columns = rs.getMetaData();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    List<String> texts = new ArrayList<>();
                    int type = columns.getColumnType(i);
                    if (type == Types.BLOB
                            || type == Types.BINARY
                            || type == Types.VARBINARY
                            || type == Types.LONGVARBINARY) {
                        byte[] bytes = rs.getBytes(i);
                        if (bytes != null) {
                            texts.add(new String(bytes, StandardCharsets.UTF_8));
                            texts.add(new String(bytes, StandardCharsets.ISO_8859_1));
                        }
                    } else {
                        Object value = rs.getObject(i);
                        if (value != null) {
                            texts.add(value.toString());
                        }
                    }
                    for (String text : texts) {
                        for (String value : values) {
                            if (text.contains(value)) {
                                found.add(table + "." + columns.getColumnName(i) + ": " + value);
                            }
                        }
                    }
                }
            });
        }
        return found;
    }

    private static void awaitNothingReadableInElasticsearch(String indices, Person person) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    refresh(indices);
                    assertThat(documents(indices)).doesNotContain(person.array());
                    for (String value : person.values()) {
                        assertThat(searchAll(value))
                                .as("hits for %s in any index", value)
                                .isZero();
                    }
                });
    }

    /** Every document of the run's indices, as Elasticsearch returns them. */
    private static String documents(String indices) {
        String body = http("POST", "/" + indices + "/_search?size=10000", "{\"query\":{\"match_all\":{}}}");
        assertThat(body).contains("\"hits\"");
        return body;
    }

    /** Hits for a value as a phrase in any field of any index of the node. */
    private static long searchAll(String value) {
        String quoted = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String query = "{\"query\":{\"simple_query_string\":{\"query\":" + GraphQlClient.JSON.writeValueAsString(quoted)
                + ",\"fields\":[\"*\"],\"lenient\":true}},\"size\":0,\"track_total_hits\":true}";
        String body = http("POST", "/*/_search?ignore_unavailable=true&allow_no_indices=true", query);
        JsonNode answer = GraphQlClient.JSON.readTree(body);
        return answer.path("hits").path("total").path("value").asLong(-1);
    }

    private static void refresh(String indices) {
        http("POST", "/" + indices + "/_refresh", "");
    }

    private static void deleteIndices(String indices) {
        try {
            http(
                    "DELETE",
                    "/" + URLEncoder.encode(indices, StandardCharsets.UTF_8).replace("%2A", "*"),
                    null);
        } catch (RuntimeException e) {
            // left for the node's next clean-up
        }
    }

    private static void rebuildViews(GraphQlClient graphql) throws InterruptedException {
        JsonNode started = graphql.document("rebuildViews", "views", null);
        assertThat(started.get("errors")).as(started.toString()).isNull();
        String id = started.path("data").path("rebuildViews").path("id").asString();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        JsonNode job;
        do {
            Thread.sleep(250);
            job = graphql.document("rebuildJob", "id", id).path("data").path("rebuildJob");
        } while (job.path("state").asString().equals("RUNNING") && Instant.now().isBefore(deadline));
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("DONE");
    }

    private static String http(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(TestElasticsearch.url().toString().replaceAll("/$", "") + path))
                    .header("Content-Type", "application/json");
            request.method(
                    method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
