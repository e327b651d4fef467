package io.kizuna.query.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.consistency.ReadConsistency;
import io.kizuna.api.customer.CustomerFilter;
import io.kizuna.api.customer.CustomerPage;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.FindCustomer;
import io.kizuna.api.customer.FindCustomerByIdentifier;
import io.kizuna.api.customer.FindTimeline;
import io.kizuna.api.customer.SearchCustomers;
import io.kizuna.api.customer.TimelineEntry;
import io.kizuna.api.customer.TimelinePage;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import io.kizuna.projection.customer.CustomerViewWriter;
import io.kizuna.projection.customer.ProfileDocument;
import io.kizuna.projection.customer.ProfileFold;
import io.kizuna.projection.customer.TimelineDocument;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.projection.index.ViewIndexSetup;
import io.kizuna.query.consistency.ConsistencyGate;
import io.kizuna.query.consistency.ViewRefresher;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Customer queries against a real Elasticsearch holding views written by the projection's writer. */
class CustomerQueriesIT {

    private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private static ElasticsearchClient client;
    private static CustomerQueries queries;
    private static CustomerViewWriter writer;
    private static final List<String> shop = new ArrayList<>();
    private static String hanako;

    @BeforeAll
    static void views() throws Exception {
        URI url = TestElasticsearch.url();
        Rest5Client rest = Rest5Client.builder(HttpHost.create(url.toString())).build();
        client = new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
        ViewIndexNames names = new ViewIndexNames(PREFIX);
        new ViewIndexSetup(client, names).afterPropertiesSet();
        writer = new CustomerViewWriter(client, names);
        ConsistencyGate gate =
                new ConsistencyGate(client, names, new ViewRefresher(client, names), Duration.ofMillis(500));
        queries = new CustomerQueries(client, names, gate, 100);

        hanako = customer("email", "hanako@example.jp", Map.of("name", "Hanako Yamada"), 3, "purchase", "store");
        for (int i = 0; i < 25; i++) {
            shop.add(customer("crm", "C-" + i, Map.of(), 1 + i % 2, i % 2 == 0 ? "web_visit" : "purchase", "web"));
        }
        client.indices().refresh(r -> r.index(PREFIX + "*"));
    }

    @AfterAll
    static void dropIndices() throws IOException {
        client.indices().delete(d -> d.index(PREFIX + "*"));
    }

    /** Writes a customer with {@code touchpoints} touchpoints one day apart, the last one day before NOW. */
    private static String customer(
            String type, String value, Map<String, Object> traits, int touchpoints, String tpType, String channel) {
        String id = UUID.randomUUID().toString();
        ProfileDocument profile = new ProfileDocument(id);
        List<TimelineDocument> timeline = new ArrayList<>();
        long seq = 0;
        ProfileFold.apply(profile, new CustomerRegistered(id, Identifier.of(type, value), NOW), seq++, NOW);
        if (!traits.isEmpty()) {
            ProfileFold.apply(profile, new TraitsChanged(id, traits, List.of(), NOW, null), seq++, NOW);
        }
        for (int i = 0; i < touchpoints; i++) {
            TouchpointRecorded t = new TouchpointRecorded(
                    id,
                    "m-" + i,
                    tpType,
                    channel,
                    NOW.minus(Duration.ofDays(touchpoints - i)),
                    NOW,
                    null,
                    null,
                    Map.of());
            ProfileFold.apply(profile, t, seq, NOW);
            timeline.add(TimelineDocument.of(t, seq++));
        }
        writer.writeTimeline(timeline);
        writer.writeProfiles(List.of(profile));
        return id;
    }

    @Test
    void findsACustomerById() throws IOException {
        CustomerProfile profile = queries.handle(new FindCustomer(hanako, ConsistencyToken.empty()))
                .profile();
        assertThat(profile.id()).isEqualTo(hanako);
        assertThat(profile.touchpointCount()).isEqualTo(3);
        assertThat(profile.traits()).containsEntry("name", "Hanako Yamada");
    }

    @Test
    void unknownIdFindsNothing() throws IOException {
        assertThat(queries.handle(new FindCustomer(UUID.randomUUID().toString(), ConsistencyToken.empty()))
                        .profile())
                .isNull();
    }

    @Test
    void findsACustomerByNormalisedIdentifier() throws IOException {
        CustomerProfile profile = queries.handle(new FindCustomerByIdentifier(
                        Identifier.of("email", " Hanako@Example.JP"), ConsistencyToken.empty()))
                .profile();
        assertThat(profile.id()).isEqualTo(hanako);
    }

    @Test
    void freeTextFindsByTraitValue() throws IOException {
        CustomerPage page = queries.handle(new SearchCustomers("yamada", null, 10, null, ConsistencyToken.empty()));
        assertThat(page.customers()).extracting(CustomerProfile::id).containsExactly(hanako);
    }

    @Test
    void filterCombinesTypesChannelsAndCounts() throws IOException {
        CustomerFilter filter = new CustomerFilter(
                List.of("crm"), List.of("purchase"), List.of("web"), null, null, null, null, null, null, 2L);
        CustomerPage page = queries.handle(new SearchCustomers(null, filter, 100, null, ConsistencyToken.empty()));
        assertThat(page.totalCount()).isEqualTo(12);
        assertThat(page.customers())
                .allSatisfy(c -> assertThat(c.touchpointCount()).isEqualTo(2));
    }

    @Test
    void pagesWalkEveryCustomerOnceWithCursors() throws IOException {
        CustomerFilter crmOnly =
                new CustomerFilter(List.of("crm"), null, null, null, null, null, null, null, null, null);
        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        CustomerPage page;
        do {
            page = queries.handle(new SearchCustomers(null, crmOnly, 10, after, ConsistencyToken.empty()));
            page.customers().forEach(c -> assertThat(seen.add(c.id())).isTrue());
            after = page.cursors().isEmpty()
                    ? null
                    : page.cursors().get(page.cursors().size() - 1);
            pages++;
        } while (page.hasNextPage());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(shop);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void timelineIsNewestFirstAndFiltersByBusinessTime() throws IOException {
        TimelinePage all =
                queries.handle(new FindTimeline(hanako, 10, null, null, null, null, null, ConsistencyToken.empty()));
        assertThat(all.entries()).extracting(TimelineEntry::messageId).containsExactly("m-2", "m-1", "m-0");

        TimelinePage window = queries.handle(new FindTimeline(
                hanako,
                10,
                null,
                List.of("purchase"),
                List.of("store"),
                NOW.minus(Duration.ofDays(2)),
                NOW,
                ConsistencyToken.empty()));
        assertThat(window.entries()).extracting(TimelineEntry::messageId).containsExactly("m-2", "m-1");

        TimelinePage second = queries.handle(
                new FindTimeline(hanako, 2, all.cursors().get(1), null, null, null, null, ConsistencyToken.empty()));
        assertThat(second.entries()).extracting(TimelineEntry::messageId).containsExactly("m-0");
        assertThat(second.hasNextPage()).isFalse();
    }

    @Test
    void tokenAlreadySatisfiedIsReached() throws IOException {
        ConsistencyToken token = new ConsistencyToken(Map.of(hanako, 4L));
        assertThat(queries.handle(new FindCustomer(hanako, token)).consistency())
                .isEqualTo(ReadConsistency.REACHED);
    }

    @Test
    void tokenAheadOfTheViewsTimesOutAndSaysSo() throws IOException {
        ConsistencyToken token = new ConsistencyToken(Map.of(hanako, 99L));
        long started = System.nanoTime();
        ReadConsistency consistency =
                queries.handle(new FindCustomer(hanako, token)).consistency();
        assertThat(consistency).isEqualTo(ReadConsistency.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }

    @Test
    void writeBecomesSearchableForAReaderWithItsToken() throws IOException {
        String id = customer("loyalty", "L-77", Map.of("name", "Taro Sato"), 1, "coupon_redeemed", "store");
        CustomerPage page =
                queries.handle(new SearchCustomers("Taro", null, 5, null, new ConsistencyToken(Map.of(id, 2L))));
        assertThat(page.consistency()).isEqualTo(ReadConsistency.REACHED);
        assertThat(page.customers()).extracting(CustomerProfile::id).containsExactly(id);
    }

    @Test
    void pageSizeOverTheLimitIsRefused() {
        assertThatThrownBy(() -> queries.handle(new SearchCustomers(null, null, 101, null, ConsistencyToken.empty())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("first");
    }

    @Test
    void foreignCursorIsRefused() {
        assertThatThrownBy(() -> queries.handle(new SearchCustomers(null, null, 5, "bm9wZQ", ConsistencyToken.empty())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("after");
    }
}
