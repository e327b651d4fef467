package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.KizunaApplication;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.command.intake.TouchpointIntake;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The axonserver profile against a real Axon Server in a container: events go to Axon Server, and a resent batch
 * is recognised as duplicates. Skipped where no Docker engine runs (as on our build machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class AxonServerProfileIT {

    @Container
    static final GenericContainer<?> AXON_SERVER = new GenericContainer<>("axoniq/axonserver:2025.1.2")
            .withEnv("AXONIQ_AXONSERVER_STANDALONE", "true")
            .withExposedPorts(8024, 8124);

    @Test
    void touchpointsAreStoredInAxonServer() throws Exception {
        String servers = AXON_SERVER.getHost() + ":" + AXON_SERVER.getMappedPort(8124);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KizunaApplication.class)
                .profiles("axonserver")
                .run(
                        "--server.port=0",
                        "--axon.axonserver.servers=" + servers,
                        "--kizuna.data-dir=" + Files.createTempDirectory("kizuna-axonserver"),
                        "--kizuna.elasticsearch.managed=false",
                        "--kizuna.elasticsearch.url=" + TestElasticsearch.url(),
                        "--kizuna.elasticsearch.index-prefix=axs-"
                                + UUID.randomUUID().toString().substring(0, 8) + "-")) {
            TouchpointIntake intake = app.getBean(TouchpointIntake.class);
            List<TouchpointIntake.Submission> batch = List.of(new TouchpointIntake.Submission(
                    "crm", "AX-1", new Touchpoint("ax-m1", "web_visit", "web", Instant.now(), null, null, Map.of())));
            assertThat(intake.record(batch).accepted()).isEqualTo(1);
            assertThat(intake.record(batch).duplicates()).isEqualTo(1);
            assertThat(app.getBean(EventStore.class).getClass().getSimpleName()).contains("AxonServer");
        }
    }
}
