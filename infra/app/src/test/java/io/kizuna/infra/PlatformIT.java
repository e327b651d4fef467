package io.kizuna.infra;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kizuna.KizunaApplication;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole platform on its embedded default (H2 file event store in a fresh folder), against the test run's real
 * Elasticsearch node with indices of its own. Subclasses share one running application.
 */
@SpringBootTest(classes = KizunaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PlatformIT {

    protected static final String INDEX_PREFIX =
            "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    protected static final Path DATA_DIR = tempDir();

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("kizuna.data-dir", DATA_DIR::toString);
        registry.add("kizuna.elasticsearch.managed", () -> "false");
        registry.add("kizuna.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add("kizuna.elasticsearch.index-prefix", () -> INDEX_PREFIX);
        registry.add("kizuna.intake.max-batch-size", () -> "50");
        registry.add("kizuna.graphql.max-request-size", () -> "64KB");
        registry.add("kizuna.consistency.max-wait", () -> "15s");
        registry.add("kizuna.command.snapshot-threshold", () -> "20");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected ElasticsearchClient elasticsearch;

    @Autowired
    protected EventStore eventStore;

    @Autowired
    protected TokenStore tokenStore;

    /** Resets the customer views and waits until the replay has reached the newest event. */
    protected void rebuildViews(StreamingEventProcessor processor) {
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitCaughtUp(processor);
    }

    /**
     * Waits until every segment of the processor has processed the newest event in the store. (Its "replaying" flag
     * is no guide: right after a start there are no segments at all, and a replay token stays until an event newer
     * than the reset arrives.)
     */
    protected void awaitCaughtUp(StreamingEventProcessor processor) {
        long head = eventStore.createHeadToken().position().orElse(-1);
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
            var status = processor.processingStatus();
            return status.size() == tokenStore.fetchSegments(processor.getName()).length
                    && status.values().stream()
                            .allMatch(s ->
                                    !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= head);
        });
    }

    protected GraphQlClient graphql() {
        return new GraphQlClient(port);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("kizuna-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
