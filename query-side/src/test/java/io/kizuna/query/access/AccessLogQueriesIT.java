package io.kizuna.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.kizuna.api.access.AccessLogEntry;
import io.kizuna.api.access.AccessLogPage;
import io.kizuna.api.access.FindAccessLog;
import io.kizuna.api.access.HistoryAccessed;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import io.kizuna.projection.access.AccessLogDocument;
import io.kizuna.projection.access.AccessLogProjection;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.projection.index.ViewIndexSetup;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Access log queries against a real Elasticsearch holding records written by the projection. */
class AccessLogQueriesIT {

    private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final String HANAKO = "2f0c3c1e-8d6a-4a51-9a0e-0d3f8d7d1a11";
    private static final String TARO = "7c1d2a5e-0b7f-4f55-9a55-3c1f2e9e8b10";
    private static final String AUDITOR = "anonymous@192.0.2.10";
    private static final String OTHER = "anonymous@192.0.2.20";

    private static ElasticsearchClient client;
    private static AccessLogProjection projection;
    private static AccessLogQueries queries;
    private static final List<AccessLogDocument> written = new ArrayList<>();

    @BeforeAll
    static void log() throws Exception {
        Rest5Client rest = Rest5Client.builder(
                        HttpHost.create(TestElasticsearch.url().toString()))
                .build();
        client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
        ViewIndexNames names = new ViewIndexNames(PREFIX);
        new ViewIndexSetup(client, names).afterPropertiesSet();
        projection = new AccessLogProjection(client, names);
        queries = new AccessLogQueries(client, names, 100);
        // 12 reads of Hanako by the auditor, one a millisecond apart with nanosecond parts; 3 of Taro by another
        for (int i = 0; i < 12; i++) {
            written.add(
                    record(AUDITOR, "customerHistory", HANAKO, T0.plusMillis(i).plusNanos(123), HistoryAccessed.OK));
        }
        for (int i = 0; i < 3; i++) {
            written.add(record(OTHER, "verifyHistory", TARO, T0.plusSeconds(60 + i), HistoryAccessed.ERROR));
        }
        // two reads at the very same instant: the access id orders them
        written.add(record(AUDITOR, "auditLog", null, T0.plusSeconds(120), HistoryAccessed.OK));
        written.add(record(AUDITOR, "auditLog", null, T0.plusSeconds(120), HistoryAccessed.OK));
        projection.write(written);
        client.indices().refresh(r -> r.index(PREFIX + "*"));
    }

    @AfterAll
    static void dropIndices() throws IOException {
        client.indices().delete(d -> d.index(PREFIX + "*"));
    }

    private static AccessLogDocument record(
            String actor, String operation, String customerId, Instant at, String outcome) {
        return AccessLogDocument.of(new HistoryAccessed(
                UUID.randomUUID().toString(),
                actor,
                operation,
                customerId,
                customerId == null ? Map.of() : Map.of("id", customerId, "types", List.of("TouchpointRecorded")),
                outcome,
                at));
    }

    private static AccessLogPage find(
            Instant from, Instant to, String actor, String customerId, int first, String after) throws IOException {
        return queries.handle(new FindAccessLog(from, to, actor, customerId, first, after));
    }

    @Test
    void theLogIsNewestFirstWithEveryRecordedDetail() throws IOException {
        AccessLogPage page = find(null, null, null, null, 100, null);

        assertThat(page.totalCount()).isEqualTo(17);
        assertThat(page.entries()).hasSize(17);
        assertThat(page.hasNextPage()).isFalse();
        List<Instant> times = page.entries().stream().map(AccessLogEntry::at).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        AccessLogEntry oldest = page.entries().get(16);
        assertThat(oldest)
                .isEqualTo(new AccessLogEntry(
                        written.get(0).id,
                        T0.plusNanos(123),
                        AUDITOR,
                        "customerHistory",
                        HANAKO,
                        Map.of("id", HANAKO, "types", List.of("TouchpointRecorded")),
                        HistoryAccessed.OK));
    }

    @Test
    void filtersByActorCustomerAndTime() throws IOException {
        assertThat(find(null, null, OTHER, null, 100, null).entries())
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo(OTHER));
        assertThat(find(null, null, "anonymous@192.0.2", null, 100, null).entries())
                .as("actor is matched exactly")
                .isEmpty();
        assertThat(find(null, null, null, HANAKO, 100, null).entries())
                .hasSize(12)
                .allSatisfy(e -> assertThat(e.customerId()).isEqualTo(HANAKO));
        assertThat(find(null, null, AUDITOR, TARO, 100, null).entries()).isEmpty();
        // from inclusive, to exclusive, at nanosecond precision
        assertThat(find(T0.plusMillis(2).plusNanos(123), T0.plusMillis(5).plusNanos(123), null, null, 100, null)
                        .entries())
                .extracting(AccessLogEntry::at)
                .containsExactly(
                        T0.plusMillis(4).plusNanos(123),
                        T0.plusMillis(3).plusNanos(123),
                        T0.plusMillis(2).plusNanos(123));
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() throws IOException {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        AccessLogPage page;
        do {
            page = find(null, null, null, null, 5, after);
            page.entries().forEach(e -> seen.add(e.id()));
            assertThat(page.cursors()).hasSameSizeAs(page.entries());
            after = page.cursors().isEmpty()
                    ? null
                    : page.cursors().get(page.cursors().size() - 1);
            pages++;
        } while (page.hasNextPage());

        assertThat(pages).isEqualTo(4);
        assertThat(seen).doesNotHaveDuplicates().hasSize(17);
        assertThat(seen)
                .containsExactlyElementsOf(find(null, null, null, null, 100, null).entries().stream()
                        .map(AccessLogEntry::id)
                        .toList());
    }

    @Test
    void aRedeliveredRecordIsStoredOnce() throws IOException {
        projection.write(List.of(written.get(0), written.get(1)));
        client.indices().refresh(r -> r.index(PREFIX + "*"));

        assertThat(find(null, null, null, null, 100, null).totalCount()).isEqualTo(17);
    }

    @Test
    void badPageSizesRangesAndCursorsAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> find(null, null, null, null, 0, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("first"));
        assertThatThrownBy(() -> find(null, null, null, null, 101, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> find(T0, T0, null, null, 10, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("from"));
        assertThatThrownBy(() -> find(null, null, null, null, 10, "not a cursor"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("after"));
    }
}
