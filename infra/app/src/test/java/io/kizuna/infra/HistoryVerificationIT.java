package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.KizunaApplication;
import io.kizuna.api.history.HistoryHash;
import io.kizuna.api.history.HistoryVerification;
import io.kizuna.api.history.VerifyHistory;
import io.kizuna.api.job.JobProgress;
import io.kizuna.api.touchpoint.Money;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.command.intake.TouchpointIntake;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import tools.jackson.databind.JsonNode;

/**
 * Tamper evidence on the embedded H2 file and on PostgreSQL (a database of its own, dropped afterwards): every stored
 * event carries a hash chaining it to its aggregate's previous event, computed over exactly the stored bytes; one
 * payload byte changed directly in the event table, or one event deleted from it, makes verification fail at that
 * event, for one customer and in the background over every customer.
 */
class HistoryVerificationIT {

    private static final String PREFIX =
            "verify-it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final ScratchDatabase DATABASE = ScratchDatabase.named("kizuna_it_");
    private static final int TOUCHPOINTS = 4;

    @BeforeAll
    static void createDatabase() throws Exception {
        DATABASE.create();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        DATABASE.drop();
    }

    private static ConfigurableApplicationContext start(String store, Path dataDir) {
        // as command-line arguments, which win over the profile's own properties
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--kizuna.data-dir=" + dataDir,
                "--kizuna.elasticsearch.managed=false",
                "--kizuna.elasticsearch.url=" + TestElasticsearch.url(),
                "--kizuna.elasticsearch.index-prefix=" + PREFIX + store + "-",
                "--kizuna.postgres.url=" + DATABASE.url()));
        return new SpringApplicationBuilder(KizunaApplication.class)
                .profiles(store.equals("postgres") ? new String[] {"postgres"} : new String[0])
                .run(arguments.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aChangedByteOrADeletedEventBreaksTheChainAtThatEvent(String store) throws Exception {
        Path dataDir = Files.createTempDirectory("kizuna-verify-" + store);
        try (ConfigurableApplicationContext app = start(store, dataDir)) {
            TouchpointIntake intake = app.getBean(TouchpointIntake.class);
            QueryGateway queries = app.getBean(QueryGateway.class);
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            Serializer serializer = app.getBean("eventSerializer", Serializer.class);
            GraphQlClient graphql =
                    new GraphQlClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));

            String altered = recordCustomer(intake, "altered");
            String truncated = recordCustomer(intake, "truncated");
            String intact = recordCustomer(intake, "intact");

            assertEveryStoredEventIsChainedOverItsStoredBytes(jdbc, serializer);
            for (String customer : List.of(altered, truncated, intact)) {
                HistoryVerification verification = verify(queries, customer);
                assertThat(verification.ok()).as(verification.reason()).isTrue();
                assertThat(verification.eventsChecked())
                        .isEqualTo(eventsOf(jdbc, customer))
                        .isGreaterThan(TOUCHPOINTS);
                assertThat(verification.firstBrokenPosition()).isNull();
                assertThat(verification.reason()).isNull();
            }

            // one byte of one stored payload changed, directly in the event table
            long alteredPosition = positionOf(jdbc, altered, 2);
            byte[] payload = jdbc.queryForObject(
                    "SELECT payload FROM DomainEventEntry WHERE globalIndex = ?", byte[].class, alteredPosition);
            assertThat(jdbc.update(
                            "UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?",
                            changeOneDigit(payload),
                            alteredPosition))
                    .isEqualTo(1);

            HistoryVerification changed = verify(queries, altered);
            assertThat(changed.ok()).isFalse();
            assertThat(changed.firstBrokenPosition()).isEqualTo(alteredPosition);
            assertThat(changed.firstBrokenSequence()).isEqualTo(2);
            assertThat(changed.reason()).contains("does not match its hash");
            assertThat(changed.eventsChecked()).isEqualTo(eventsOf(jdbc, altered));

            // one event deleted: the chain breaks at the event after the gap
            long afterGap = positionOf(jdbc, truncated, 3);
            assertThat(jdbc.update(
                            "DELETE FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 2",
                            truncated))
                    .isEqualTo(1);

            HistoryVerification deleted = verify(queries, truncated);
            assertThat(deleted.ok()).isFalse();
            assertThat(deleted.firstBrokenPosition()).isEqualTo(afterGap);
            assertThat(deleted.firstBrokenSequence()).isEqualTo(3);
            assertThat(deleted.reason()).contains("event 2 of this history is missing");

            assertThat(verify(queries, intact).ok()).isTrue();

            // the same through GraphQL
            JsonNode answer = graphql.document("verifyHistory", "id", altered);
            assertThat(answer.path("errors").isMissingNode())
                    .as(answer.toString())
                    .isTrue();
            JsonNode verification = answer.path("data").path("verifyHistory");
            assertThat(verification.path("ok").asBoolean()).isFalse();
            // background segment work may have appended to the customer since: the same break, at least as many events
            assertThat(verification.path("eventsChecked").asLong()).isGreaterThanOrEqualTo(changed.eventsChecked());
            assertThat(verification.path("firstBrokenPosition").asLong()).isEqualTo(alteredPosition);
            assertThat(verification.path("reason").asString()).isEqualTo(changed.reason());
            JsonNode unknown = graphql.document("verifyHistory", "id", "no-such-customer");
            assertThat(unknown.path("errors")
                            .path(0)
                            .path("extensions")
                            .path("code")
                            .asString())
                    .isEqualTo("NOT_FOUND");

            // every history in the background, with progress
            JsonNode started =
                    graphql.document("verifyAllHistories").path("data").path("verifyAllHistories");
            String jobId = started.path("id").asString();
            assertThat(jobId).startsWith("verify-");
            assertThat(started.path("kind").asString()).isEqualTo("HISTORY_VERIFICATION");
            assertThat(started.path("state").asString()).isIn("RUNNING", "DONE");
            // followed through rebuildJob(id), which hands verify-… ids to the verification
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> !job(graphql, jobId).state().equals("RUNNING"));
            JobProgress done = job(graphql, jobId);
            assertThat(done.state()).isEqualTo("DONE");
            assertThat(done.total()).isEqualTo(3);
            assertThat(done.done()).isEqualTo(3);
            assertThat(done.finishedAt()).isNotNull();
            assertThat(done.etaSeconds()).isZero();
            assertThat(done.outcome())
                    .startsWith("3 histories verified, 2 broken: ")
                    .contains(altered, truncated)
                    .doesNotContain(intact);
        }
    }

    private static String recordCustomer(TouchpointIntake intake, String name) {
        String crm = "V-" + name + "-" + UUID.randomUUID();
        List<TouchpointIntake.Submission> batch = new ArrayList<>();
        for (int i = 0; i < TOUCHPOINTS; i++) {
            batch.add(new TouchpointIntake.Submission(
                    "crm",
                    crm,
                    new Touchpoint(
                            crm + "-m" + i,
                            "purchase",
                            "store",
                            Instant.parse("2026-10-0" + (i + 1) + "T10:00:00Z"),
                            "autumn",
                            new Money(new BigDecimal("1200.50"), "JPY"),
                            Map.of("sku", "TEA-0" + i))));
        }
        TouchpointIntake.Outcome outcome = intake.record(batch);
        assertThat(outcome.accepted()).isEqualTo(TOUCHPOINTS);
        return outcome.customerIds().get(0);
    }

    /** Recomputes, independently of the verifier, every aggregate's chain from the stored columns. */
    private static void assertEveryStoredEventIsChainedOverItsStoredBytes(JdbcTemplate jdbc, Serializer serializer) {
        AtomicLong rows = new AtomicLong();
        Set<String> aggregateTypes = new HashSet<>();
        String[] previous = {null, HistoryHash.NONE};
        jdbc.query(
                "SELECT eventIdentifier, aggregateIdentifier, sequenceNumber, type, payloadType, payloadRevision,"
                        + " timeStamp, payload, metaData FROM DomainEventEntry"
                        + " ORDER BY aggregateIdentifier, sequenceNumber",
                (RowCallbackHandler) row -> {
                    rows.incrementAndGet();
                    String aggregate = row.getString("aggregateIdentifier");
                    aggregateTypes.add(String.valueOf(row.getString("type")));
                    if (!aggregate.equals(previous[0])) {
                        previous[0] = aggregate;
                        previous[1] = HistoryHash.NONE;
                    }
                    MetaData metaData =
                            serializer.deserialize(new SerializedMetaData<>(row.getBytes("metaData"), byte[].class));
                    Object stored = metaData.get(HistoryHash.METADATA_KEY);
                    assertThat(stored)
                            .as("hash of %s event %s", row.getString("type"), row.getLong("sequenceNumber"))
                            .isInstanceOf(String.class);
                    assertThat((String) stored).matches("[0-9a-f]{64}");
                    String recomputed = HistoryHash.of(
                            previous[1],
                            new HistoryHash.StoredEvent(
                                    row.getString("type"),
                                    aggregate,
                                    row.getLong("sequenceNumber"),
                                    row.getString("eventIdentifier"),
                                    row.getString("payloadType"),
                                    row.getString("payloadRevision"),
                                    row.getString("timeStamp"),
                                    row.getBytes("payload")));
                    assertThat(recomputed)
                            .as("hash of %s event %s", row.getString("type"), row.getLong("sequenceNumber"))
                            .isEqualTo(stored);
                    previous[1] = recomputed;
                });
        assertThat(rows.get()).isGreaterThan(3L * TOUCHPOINTS);
        assertThat(aggregateTypes).contains("Customer", "IdentifierClaim");
    }

    private static HistoryVerification verify(QueryGateway queries, String customerId) {
        return queries.query(new VerifyHistory(customerId), HistoryVerification.class)
                .join();
    }

    private static JobProgress job(GraphQlClient graphql, String id) {
        JsonNode answer = graphql.document("verificationJob", "id", id);
        assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
        JsonNode job = answer.path("data").path("rebuildJob");
        return new JobProgress(
                job.path("id").asString(),
                job.path("kind").asString(),
                job.path("state").asString(),
                job.path("done").asLong(),
                job.path("total").asLong(),
                job.path("ratePerSecond").isNull()
                        ? null
                        : job.path("ratePerSecond").asDouble(),
                job.path("etaSeconds").isNull() ? null : job.path("etaSeconds").asDouble(),
                Instant.parse(job.path("startedAt").asString()),
                job.path("finishedAt").isNull()
                        ? null
                        : Instant.parse(job.path("finishedAt").asString()),
                job.path("outcome").isNull() ? null : job.path("outcome").asString());
    }

    private static long eventsOf(JdbcTemplate jdbc, String aggregate) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", Long.class, aggregate);
    }

    private static long positionOf(JdbcTemplate jdbc, String aggregate, long sequence) {
        return jdbc.queryForObject(
                "SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                Long.class,
                aggregate,
                sequence);
    }

    /** The payload with its first decimal digit replaced by the next one: still JSON, one byte different. */
    private static byte[] changeOneDigit(byte[] payload) {
        byte[] changed = payload.clone();
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] >= '0' && changed[i] <= '9') {
                changed[i] = (byte) ('0' + (changed[i] - '0' + 1) % 10);
                return changed;
            }
        }
        throw new AssertionError("no digit in the payload to change");
    }
}
