package io.kizuna.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.kizuna.api.job.FindRebuildJob;
import io.kizuna.api.job.JobProgress;
import io.kizuna.api.source.SourceCreated;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import io.kizuna.projection.index.LiveViewWrites;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexGenerations;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.projection.index.ViewIndexSetup;
import io.kizuna.projection.index.ViewTarget;
import io.kizuna.projection.source.SourceDocument;
import io.kizuna.projection.source.SourceViewProjection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hc.core5.http.HttpHost;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * View rebuilds against a real Elasticsearch, with the sources view and an in-memory event store: a rebuild ends
 * with the alias on a new generation holding everything, a failed one leaves the live index as it was.
 */
class ViewRebuildsIT {

    private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private static ElasticsearchClient client;
    private static ViewIndexNames names;
    private static ViewIndexGenerations generations;
    private static ViewIndexSetup setup;
    private static EmbeddedEventStore eventStore;
    private static final LiveViewWrites liveWrites = new LiveViewWrites();

    @BeforeAll
    static void views() throws Exception {
        Rest5Client rest = Rest5Client.builder(
                        HttpHost.create(TestElasticsearch.url().toString()))
                .build();
        client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
        names = new ViewIndexNames(PREFIX);
        generations = new ViewIndexGenerations(client, names);
        setup = new ViewIndexSetup(client, names, generations);
        setup.afterPropertiesSet();
        eventStore = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        for (int i = 0; i < 40; i++) {
            String id = "src-" + i;
            eventStore.publish(new GenericDomainEventMessage<>(
                    "Source", id, 0, new SourceCreated(id, i == 7 ? "boom" : "source " + i, "hash", Instant.now())));
        }
    }

    @AfterAll
    static void dropIndices() throws IOException {
        eventStore.shutDown();
        client.indices().delete(d -> d.index(PREFIX + "*"));
    }

    private static ViewRebuilds rebuilds(RebuildableProjection projection) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("transactionManager", NoTransactionManager.INSTANCE);
        ViewRebuilds rebuilds = new ViewRebuilds(
                List.of(projection),
                eventStore,
                new InMemoryTokenStore(),
                beans.getBeanProvider(TransactionManager.class),
                generations,
                liveWrites,
                new RebuildProperties(10, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ZERO),
                Clock.systemUTC());
        rebuilds.start();
        return rebuilds;
    }

    private static JobProgress awaitEnd(ViewRebuilds rebuilds, String id) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !rebuilds.handle(new FindRebuildJob(id)).state().equals("RUNNING"));
        return rebuilds.handle(new FindRebuildJob(id));
    }

    @Test
    void aRebuildMovesTheAliasToANewGenerationHoldingEveryDocument() throws IOException {
        List<String> before = generations.serving(ViewIndex.SOURCES);
        ViewRebuilds rebuilds = rebuilds(new SourceViewProjection(client, names, liveWrites, setup));

        JobProgress started = rebuilds.start(List.of("sources"));
        JobProgress done = awaitEnd(rebuilds, started.id());

        assertThat(done.state()).as(done.outcome()).isEqualTo("DONE");
        assertThat(done.done()).isEqualTo(done.total()).isEqualTo(39);
        assertThat(done.finishedAt()).isNotNull();
        List<String> after = generations.serving(ViewIndex.SOURCES);
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(names.generationOf(ViewIndex.SOURCES, after.get(0)).orElse(0))
                .isGreaterThan(1);
        assertThat(generations.indices(ViewIndex.SOURCES)).containsOnlyKeys(after);
        client.indices().refresh(r -> r.index(names.alias(ViewIndex.SOURCES)));
        assertThat(client.count(c -> c.index(names.alias(ViewIndex.SOURCES))).count())
                .isEqualTo(40);
        assertThat(rebuilds.viewsOf(started.id())).containsExactly("sources");
    }

    @Test
    void aFailedRebuildDropsItsNewIndexAndLeavesTheAliasWhereItWas() throws IOException {
        List<String> before = generations.serving(ViewIndex.SOURCES);
        ViewRebuilds rebuilds = rebuilds(new FailingOnBoom());

        JobProgress started = rebuilds.start(null);
        JobProgress failed = awaitEnd(rebuilds, started.id());

        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.outcome()).contains("boom");
        assertThat(generations.serving(ViewIndex.SOURCES)).isEqualTo(before);
        assertThat(generations.indices(ViewIndex.SOURCES)).containsOnlyKeys(before);
        assertThat(generations.claimant(ViewIndex.SOURCES)).isEmpty();
    }

    @Test
    void viewsAreNamedAndCheckedOneByOne() {
        ViewRebuilds rebuilds = rebuilds(new FailingOnBoom());

        assertThatThrownBy(() -> rebuilds.start(List.of("sources", "nope")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("views[1]"));
        assertThatThrownBy(() -> rebuilds.start(List.of("sources", "profiles")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().get(0).message()).contains("cannot be rebuilt"));
        assertThatThrownBy(() -> rebuilds.start(List.of())).isInstanceOf(InvalidInputException.class);
        assertThat(rebuilds.handle(new FindRebuildJob("rebuild-unknown"))).isNull();
    }

    @Test
    void aResetIsRefusedWhileARebuildWorksOnTheView() {
        assertThat(generations.claim(Set.of(ViewIndex.SOURCES), "rebuild-test")).isEmpty();
        try {
            assertThat(generations.claim(Set.of(ViewIndex.SOURCES), "rebuild-other"))
                    .contains("rebuild-test");
            assertThatThrownBy(() -> setup.recreate(Set.of(ViewIndex.SOURCES))).hasMessageContaining("rebuild-test");
        } finally {
            generations.release(Set.of(ViewIndex.SOURCES), "rebuild-test");
        }
    }

    /** Writes the sources view, but fails on a source named "boom". */
    static final class FailingOnBoom implements RebuildableProjection {

        @Override
        public Set<ViewIndex> views() {
            return Set.of(ViewIndex.SOURCES);
        }

        @Override
        public String processingGroup() {
            return "test-views";
        }

        @Override
        public Object writingInto(ViewTarget target) {
            return new Object() {
                final List<String> seen = new ArrayList<>();

                @EventHandler
                void on(SourceCreated event) throws IOException {
                    if (event.name().equals("boom")) {
                        throw new IllegalStateException("boom");
                    }
                    SourceDocument document = new SourceDocument();
                    document.id = event.sourceId();
                    document.name = event.name();
                    client.index(i -> i.index(target.index(ViewIndex.SOURCES))
                            .id(event.sourceId())
                            .document(document));
                    seen.add(event.sourceId());
                }
            };
        }
    }
}
