package io.kizuna.query.segment.evaluation;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.query.segment.membership.ProfileActivity;
import io.kizuna.query.segment.rule.SegmentRuleTranslator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Reads customer ids from the profile view a page at a time, in id order ({@code search_after}, so a scan of
 * millions costs no deep page and keeps no search context open). Merged-away customers are never included: they
 * follow their survivor.
 */
@Component
public class ProfileScan {

    private final ElasticsearchClient client;
    private final ViewIndexNames names;

    public ProfileScan(ElasticsearchClient client, ViewIndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** The customers {@code matches} selects. */
    public static Query members(Query matches) {
        return Query.of(q -> q.bool(b -> b.filter(matches).mustNot(notMerged())));
    }

    /** The customers the view shows in {@code segmentId} that {@code matches} no longer selects. */
    public static Query leavers(String segmentId, Query matches) {
        return Query.of(q -> q.bool(b -> b.filter(
                        f -> f.term(t -> t.field(SegmentRuleTranslator.SEGMENTS).value(segmentId)))
                .mustNot(matches)
                .mustNot(notMerged())));
    }

    /**
     * The customers {@code matches} does not select and the view does not show in {@code segmentId}: those time alone
     * may bring into it.
     */
    public static Query others(String segmentId, Query matches) {
        return Query.of(q -> q.bool(b -> b.mustNot(matches)
                .mustNot(
                        f -> f.term(t -> t.field(SegmentRuleTranslator.SEGMENTS).value(segmentId)))
                .mustNot(notMerged())));
    }

    private static Query notMerged() {
        return Query.of(q -> q.exists(e -> e.field("mergedInto")));
    }

    public long count(Query query) {
        try {
            return client.count(c -> c.index(names.alias(ViewIndex.PROFILES)).query(query))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives each id {@code query} selects, in id order, to {@code each} until it answers false; true if all went. */
    public boolean forEachId(Query query, int pageSize, Predicate<String> each) {
        return scan(query, pageSize, false, (id, profile) -> each.test(id));
    }

    /**
     * Gives each customer {@code query} selects, with the activity the recheck planner reads, in id order, to
     * {@code each} until it answers false; true if all went.
     */
    public boolean forEachProfile(Query query, int pageSize, BiPredicate<String, ProfileActivity> each) {
        return scan(query, pageSize, true, each);
    }

    /** One of {@code query}'s customers: its id and, if asked for, the activity of its profile. */
    private boolean scan(Query query, int pageSize, boolean activity, BiPredicate<String, ProfileActivity> each) {
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<ProfileActivity> page;
            try {
                page = client.search(
                        s -> {
                            s.index(names.alias(ViewIndex.PROFILES))
                                    .query(query)
                                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
                                    .size(pageSize)
                                    .trackTotalHits(t -> t.enabled(false))
                                    .source(src -> activity
                                            ? src.filter(f -> f.includes(ProfileActivity.FIELDS))
                                            : src.fetch(false));
                            if (searchAfter != null) {
                                s.searchAfter(searchAfter);
                            }
                            return s;
                        },
                        ProfileActivity.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Hit<ProfileActivity>> hits = page.hits().hits();
            for (Hit<ProfileActivity> hit : hits) {
                if (!each.test(hit.id(), hit.source())) {
                    return false;
                }
            }
            if (hits.size() < pageSize) {
                return true;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }
}
