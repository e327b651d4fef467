package io.kizuna.query.segment;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kizuna.api.consistency.ReadConsistency;
import io.kizuna.api.customer.CustomerPage;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.segment.FindSegmentMembers;
import io.kizuna.api.segment.FindSegmentSizes;
import io.kizuna.api.segment.PreviewSegment;
import io.kizuna.api.segment.SegmentPreview;
import io.kizuna.api.segment.SegmentSizes;
import io.kizuna.api.segment.rule.SegmentRule;
import io.kizuna.api.segment.rule.SegmentRules;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.projection.customer.ProfileDocument;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.query.customer.Cursor;
import io.kizuna.query.segment.rule.SegmentRuleTranslator;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers who is in a segment, from the profile view: sizes and members from the profiles' {@code segments} (the
 * memberships the customers recorded), and previews of a rule not saved yet by running it as a query ({@link
 * SegmentRuleTranslator}) now. Merged-away customers are never counted or listed: their survivors are. A rule naming
 * another segment ({@code segment(vip)}) reads the same {@code segments} field, so it sees current memberships.
 */
@Component
public class SegmentMemberQueries {

    /** The largest sample a preview gives. */
    public static final int MAX_SAMPLE = 50;
    /** Sizes asked without ids: at most this many segments, the largest first. */
    static final int MAX_SEGMENTS = 10_000;

    private static final String MERGED_INTO = "mergedInto";

    private final ElasticsearchClient client;
    private final ViewIndexNames names;
    private final Clock clock;
    private final int maxPageSize;

    public SegmentMemberQueries(
            ElasticsearchClient client,
            ViewIndexNames names,
            Clock clock,
            @Value("${kizuna.query.max-page-size:100}") int maxPageSize) {
        this.client = client;
        this.names = names;
        this.clock = clock;
        this.maxPageSize = maxPageSize;
    }

    /**
     * Members per segment, in one request: a {@code filters} aggregation with one bucket per id asked (0 for a
     * segment without members), or, when no list is given ({@code null}), a {@code terms} aggregation over every
     * segment that has members.
     */
    @QueryHandler
    public SegmentSizes handle(FindSegmentSizes query) throws IOException {
        if (query.segmentIds() != null && query.segmentIds().isEmpty()) {
            return new SegmentSizes(Map.of());
        }
        List<String> ids = query.segmentIds() == null ? null : List.copyOf(new LinkedHashSet<>(query.segmentIds()));
        SearchResponse<Void> response = client.search(
                s -> s.index(names.alias(ViewIndex.PROFILES))
                        .size(0)
                        .query(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field(MERGED_INTO)))))
                        .aggregations("sizes", a -> {
                            if (ids == null) {
                                return a.terms(t ->
                                        t.field(SegmentRuleTranslator.SEGMENTS).size(MAX_SEGMENTS));
                            }
                            Map<String, Query> filters = new LinkedHashMap<>();
                            ids.forEach(id -> filters.put(id, member(id)));
                            return a.filters(f -> f.filters(b -> b.keyed(filters)));
                        }),
                Void.class);
        Aggregate sizes = response.aggregations().get("sizes");
        Map<String, Long> answer = new LinkedHashMap<>();
        if (ids == null) {
            for (StringTermsBucket bucket : sizes.sterms().buckets().array()) {
                answer.put(bucket.key().stringValue(), bucket.docCount());
            }
        } else {
            Map<String, FiltersBucket> buckets = sizes.filters().buckets().keyed();
            ids.forEach(id -> answer.put(id, buckets.get(id).docCount()));
        }
        return new SegmentSizes(answer);
    }

    /** The members, a page at a time, the most recently active first (then by id), with {@code search_after}. */
    @QueryHandler
    public CustomerPage handle(FindSegmentMembers query) throws IOException {
        if (query.first() < 1 || query.first() > maxPageSize) {
            throw new InvalidInputException(
                    "first", "first must be between 1 and " + maxPageSize + ", got " + query.first());
        }
        if (query.segmentId() == null || query.segmentId().isBlank()) {
            throw new InvalidInputException("segmentId", "name the segment");
        }
        int size = query.first();
        SearchResponse<ProfileDocument> response = client.search(
                s -> {
                    s.index(names.alias(ViewIndex.PROFILES))
                            .query(q -> q.bool(b -> b.filter(member(query.segmentId()))
                                    .mustNot(m -> m.exists(e -> e.field(MERGED_INTO)))))
                            .sort(newestActivityFirst())
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
        return new CustomerPage(customers, cursors, hits.size() > size, total, ReadConsistency.NOT_REQUESTED);
    }

    /**
     * The customers the rule selects now: the exact count, and the ids of up to {@code sampleSize} (1–50) of them,
     * the most recently active first. An invalid or too expensive rule is an {@link InvalidInputException} on
     * {@code rule}, as {@link SegmentRules#parse} words it.
     */
    @QueryHandler
    public SegmentPreview handle(PreviewSegment query) throws IOException {
        if (query.sampleSize() < 1 || query.sampleSize() > MAX_SAMPLE) {
            throw new InvalidInputException(
                    "sampleSize", "sampleSize must be between 1 and " + MAX_SAMPLE + ", got " + query.sampleSize());
        }
        SegmentRule rule = SegmentRules.parse(query.rule());
        Query selects = SegmentRuleTranslator.toQuery(rule, clock.instant());
        SearchResponse<Void> response = client.search(
                s -> s.index(names.alias(ViewIndex.PROFILES))
                        .query(q -> q.bool(b -> b.filter(selects).mustNot(m -> m.exists(e -> e.field(MERGED_INTO)))))
                        .sort(newestActivityFirst())
                        .size(query.sampleSize())
                        .source(src -> src.fetch(false))
                        .trackTotalHits(t -> t.enabled(true)),
                Void.class);
        List<String> sample = response.hits().hits().stream().map(Hit::id).toList();
        long size = response.hits().total() == null
                ? sample.size()
                : response.hits().total().value();
        return new SegmentPreview(size, sample);
    }

    private static Query member(String segmentId) {
        return Query.of(q -> q.term(t -> t.field(SegmentRuleTranslator.SEGMENTS).value(segmentId)));
    }

    private static List<SortOptions> newestActivityFirst() {
        return List.of(
                SortOptions.of(o ->
                        o.field(f -> f.field("lastSeenAt").order(SortOrder.Desc).missing("_last"))),
                SortOptions.of(o -> o.field(f -> f.field("id").order(SortOrder.Asc))));
    }
}
