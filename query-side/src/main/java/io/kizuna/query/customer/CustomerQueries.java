package io.kizuna.query.customer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kizuna.api.consistency.ReadConsistency;
import io.kizuna.api.customer.CustomerFilter;
import io.kizuna.api.customer.CustomerPage;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.customer.CustomerProfiles;
import io.kizuna.api.customer.CustomerResult;
import io.kizuna.api.customer.FindCustomer;
import io.kizuna.api.customer.FindCustomerByIdentifier;
import io.kizuna.api.customer.FindCustomerProfiles;
import io.kizuna.api.customer.FindTimeline;
import io.kizuna.api.customer.SearchCustomers;
import io.kizuna.api.customer.TimelineEntry;
import io.kizuna.api.customer.TimelinePage;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.projection.customer.ProfileDocument;
import io.kizuna.projection.customer.TimelineDocument;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.query.consistency.ConsistencyGate;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers customer questions from the profile and timeline views. Every question may carry a consistency token;
 * the answer then waits (bounded) until the views show the writes it names, and says whether they did.
 */
@Component
public class CustomerQueries {

    private static final int MAX_REDIRECTS = 20;

    private final ElasticsearchClient client;
    private final ViewIndexNames names;
    private final ConsistencyGate gate;
    private final int maxPageSize;

    public CustomerQueries(
            ElasticsearchClient client,
            ViewIndexNames names,
            ConsistencyGate gate,
            @Value("${kizuna.query.max-page-size:100}") int maxPageSize) {
        this.client = client;
        this.names = names;
        this.gate = gate;
        this.maxPageSize = maxPageSize;
    }

    /** A merged-away customer's id answers with its survivor's profile. */
    @QueryHandler
    public CustomerResult handle(FindCustomer query) throws IOException {
        ReadConsistency consistency = gate.await(query.consistencyToken());
        ProfileDocument profile = live(load(query.customerId()));
        return new CustomerResult(profile == null ? null : profile.toProfile(), consistency);
    }

    @QueryHandler
    public CustomerProfiles handle(FindCustomerProfiles query) throws IOException {
        if (query.customerIds().isEmpty()) {
            return new CustomerProfiles(List.of());
        }
        MgetResponse<ProfileDocument> response = client.mget(
                m -> m.index(names.alias(ViewIndex.PROFILES)).ids(query.customerIds()), ProfileDocument.class);
        List<CustomerProfile> profiles = new ArrayList<>();
        for (MultiGetResponseItem<ProfileDocument> item : response.docs()) {
            if (item.isResult() && item.result().found()) {
                profiles.add(item.result().source().toProfile());
            }
        }
        return new CustomerProfiles(profiles);
    }

    private ProfileDocument load(String customerId) throws IOException {
        GetResponse<ProfileDocument> response =
                client.get(g -> g.index(names.alias(ViewIndex.PROFILES)).id(customerId), ProfileDocument.class);
        return response.found() ? response.source() : null;
    }

    /** Follows merge redirects to the live customer's profile. */
    private ProfileDocument live(ProfileDocument profile) throws IOException {
        ProfileDocument current = profile;
        for (int hops = 0; current != null && current.mergedInto != null && hops < MAX_REDIRECTS; hops++) {
            ProfileDocument survivor = load(current.mergedInto);
            if (survivor == null) {
                return current; // the survivor's view is not written yet: show what is known
            }
            current = survivor;
        }
        return current;
    }

    @QueryHandler
    public CustomerResult handle(FindCustomerByIdentifier query) throws IOException {
        ReadConsistency consistency = gate.await(query.consistencyToken());
        SearchResponse<ProfileDocument> response = client.search(
                s -> s.index(names.alias(ViewIndex.PROFILES))
                        .query(q -> q.term(t -> t.field("identifiers.key")
                                .value(query.identifier().key())))
                        .size(1),
                ProfileDocument.class);
        List<Hit<ProfileDocument>> hits = response.hits().hits();
        ProfileDocument profile = hits.isEmpty() ? null : live(hits.get(0).source());
        return new CustomerResult(profile == null ? null : profile.toProfile(), consistency);
    }

    @QueryHandler
    public CustomerPage handle(SearchCustomers query) throws IOException {
        int size = pageSize(query.first());
        ReadConsistency consistency = gate.await(query.consistencyToken());
        boolean byRelevance = query.text() != null && !query.text().isBlank();
        List<SortOptions> sort = byRelevance
                ? List.of(SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))), ascending("id"))
                : List.of(
                        SortOptions.of(o -> o.field(
                                f -> f.field("lastSeenAt").order(SortOrder.Desc).missing("_last"))),
                        ascending("id"));
        SearchResponse<ProfileDocument> response = client.search(
                s -> {
                    s.index(names.alias(ViewIndex.PROFILES))
                            .query(customerQuery(query.text(), query.filter()))
                            .sort(sort)
                            .size(size + 1)
                            .trackTotalHits(t -> t.enabled(true));
                    if (query.after() != null) {
                        s.searchAfter(Cursor.decode(query.after(), "after"));
                    }
                    return s;
                },
                ProfileDocument.class);
        List<Hit<ProfileDocument>> hits = response.hits().hits();
        List<CustomerProfile> customers = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        for (Hit<ProfileDocument> hit : hits.subList(0, Math.min(size, hits.size()))) {
            customers.add(hit.source().toProfile());
            cursors.add(Cursor.encode(hit.sort()));
        }
        long total = response.hits().total() == null
                ? customers.size()
                : response.hits().total().value();
        return new CustomerPage(customers, cursors, hits.size() > size, total, consistency);
    }

    @QueryHandler
    public TimelinePage handle(FindTimeline query) throws IOException {
        int size = pageSize(query.first());
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new InvalidInputException("from", "from must be before to");
        }
        ReadConsistency consistency = gate.await(query.consistencyToken());
        // a survivor's timeline includes the timelines of the customers it absorbed
        ProfileDocument owner = load(query.customerId());
        List<FieldValue> customerIds = new ArrayList<>();
        customerIds.add(FieldValue.of(query.customerId()));
        if (owner != null) {
            owner.mergedFrom.forEach(id -> customerIds.add(FieldValue.of(id)));
        }
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.filter(f -> f.terms(t -> t.field("customerId").terms(v -> v.value(customerIds))));
        terms(bool, "type", query.types());
        terms(bool, "channel", query.channels());
        dateRange(bool, "occurredAt", query.from(), query.to());
        SearchResponse<TimelineDocument> response = client.search(
                s -> {
                    s.index(names.alias(ViewIndex.TIMELINE))
                            .query(q -> q.bool(bool.build()))
                            .sort(descending("occurredAt"), descending("sequence"))
                            .size(size + 1);
                    if (query.after() != null) {
                        s.searchAfter(Cursor.decode(query.after(), "after"));
                    }
                    return s;
                },
                TimelineDocument.class);
        List<Hit<TimelineDocument>> hits = response.hits().hits();
        List<TimelineEntry> entries = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        for (Hit<TimelineDocument> hit : hits.subList(0, Math.min(size, hits.size()))) {
            entries.add(hit.source().toEntry());
            cursors.add(Cursor.encode(hit.sort()));
        }
        return new TimelinePage(entries, cursors, hits.size() > size, consistency);
    }

    private int pageSize(int first) {
        if (first < 1 || first > maxPageSize) {
            throw new InvalidInputException("first", "first must be between 1 and " + maxPageSize + ", got " + first);
        }
        return first;
    }

    /** Merged-away customers never appear in searches: their survivors do. */
    private static Query customerQuery(String text, CustomerFilter filter) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.mustNot(m -> m.exists(e -> e.field("mergedInto")));
        if (text != null && !text.isBlank()) {
            String trimmed = text.strip();
            bool.must(m -> m.bool(b -> b.should(s ->
                            s.match(mt -> mt.field("searchText").query(trimmed).operator(Operator.And)))
                    .should(s -> s.term(
                            t -> t.field("identifiers.value").value(trimmed).boost(10f)))
                    .minimumShouldMatch("1")));
        }
        if (filter != null) {
            terms(bool, "identifiers.type", filter.identifierTypes());
            terms(bool, "touchpointTypes", filter.touchpointTypes());
            terms(bool, "channels", filter.channels());
            terms(bool, "campaigns", filter.campaigns());
            terms(bool, "accountIds", filter.accountIds());
            dateRange(bool, "firstSeenAt", filter.firstSeenFrom(), filter.firstSeenTo());
            dateRange(bool, "lastSeenAt", filter.lastSeenFrom(), filter.lastSeenTo());
            if (filter.minTouchpoints() != null) {
                bool.filter(f -> f.range(r -> r.number(n ->
                        n.field("touchpointCount").gte(filter.minTouchpoints().doubleValue()))));
            }
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    private static void terms(BoolQuery.Builder bool, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
            bool.filter(f -> f.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
        }
    }

    /** {@code from} inclusive, {@code to} exclusive. */
    private static void dateRange(BoolQuery.Builder bool, String field, Instant from, Instant to) {
        if (from == null && to == null) {
            return;
        }
        Consumer<co.elastic.clients.elasticsearch._types.query_dsl.DateRangeQuery.Builder> range = d -> {
            d.field(field);
            if (from != null) {
                d.gte(from.toString());
            }
            if (to != null) {
                d.lt(to.toString());
            }
        };
        bool.filter(f -> f.range(r -> r.date(d -> {
            range.accept(d);
            return d;
        })));
    }

    private static SortOptions ascending(String field) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(SortOrder.Asc)));
    }

    private static SortOptions descending(String field) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(SortOrder.Desc)));
    }
}
