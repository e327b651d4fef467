package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.KizunaApplication;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store on the embedded H2 file and on PostgreSQL (a database of its own, dropped afterwards): events
 * are appended, survive a restart, are read back by the aggregates (a resent batch is all duplicates), and the
 * global index has no allocation gaps.
 */
class EventStoreIT {

    private static final String PREFIX = "es-it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final ScratchDatabase DATABASE = ScratchDatabase.named("kizuna_it_");

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

    private static List<TouchpointIntake.Submission> batch(String crm) {
        List<TouchpointIntake.Submission> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
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
        return batch;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void eventsSurviveARestartAndAreReadBackByTheAggregates(String store) throws Exception {
        Path dataDir = Files.createTempDirectory("kizuna-store-" + store);
        String crm = "S-" + UUID.randomUUID();

        try (ConfigurableApplicationContext first = start(store, dataDir)) {
            TouchpointIntake.Outcome outcome =
                    first.getBean(TouchpointIntake.class).record(batch(crm));
            assertThat(outcome.accepted()).isEqualTo(3);
            JdbcTemplate jdbc = new JdbcTemplate(first.getBean(DataSource.class));
            // what the request stored; background work (built-in definitions, journeys, segments) adds other events
            Long customerEvents = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType IN ("
                            + "'io.kizuna.api.identity.IdentifierClaimed', 'io.kizuna.api.customer.CustomerRegistered',"
                            + " 'io.kizuna.api.customer.TouchpointRecorded')",
                    Long.class);
            // the identifier claim, the registration, three touchpoints
            assertThat(customerEvents).isEqualTo(5);
            // background work (journey re-evaluations) may be appending meanwhile: judge one snapshot at a time; an
            // index taken by a transaction still in flight leaves a gap only until it commits
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<Long> indices =
                        jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry ORDER BY globalIndex", Long.class);
                assertThat(indices.get(indices.size() - 1) - indices.get(0) + 1)
                        .as("global index without gaps: %s", indices)
                        .isEqualTo(indices.size());
            });
            if (store.equals("postgres")) {
                assertThat(jdbc.queryForList(
                                "SELECT data_type FROM information_schema.columns WHERE table_name = 'domainevententry'"
                                        + " AND column_name IN ('payload', 'metadata')",
                                String.class))
                        .containsOnly("bytea");
            }
        }

        try (ConfigurableApplicationContext second = start(store, dataDir)) {
            TouchpointIntake.Outcome resent =
                    second.getBean(TouchpointIntake.class).record(batch(crm));
            assertThat(resent.accepted()).isZero();
            assertThat(resent.duplicates()).isEqualTo(3);
        }
    }
}
