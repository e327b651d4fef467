package io.kizuna.query.segment.membership;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.query.segment.membership.CurrentSegments.Evaluable;
import io.kizuna.query.segment.rule.SegmentRuleTranslator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the given segments each of a few customers matches at {@code now}, in one search over the profile view:
 * the customers' ids (not merged away) as the filter, and one optional clause per segment, its rule translated and
 * named after the segment; each hit's {@code matched_queries} are the segments that customer is in. A rule of the form
 * {@code segment(x)} reads the profile's {@code segments}, which the profile view updates from the customer's
 * {@code CustomerEnteredSegment}/{@code CustomerLeftSegment}.
 *
 * <p>Searches see the view as of its last refresh (every second), not as a real-time get does. The search asks for
 * each hit's version, which the profile view sets to its {@code lastSequence + 1}; when some customer's searchable
 * profile is older than wanted (or not searchable yet), the profile index alone is refreshed and the search asked
 * again for those customers, rather than waiting up to a second for the periodic refresh while the processor's batch
 * (and its database connection) is open. A customer missing from the answer is not evaluated at all: an absent
 * profile says nothing about its segments.
 */
class SegmentEvaluator {

    /** More ids than this are asked in several searches. */
    static final int MAX_CUSTOMERS_PER_SEARCH = 1_000;

    private static final Logger log = LoggerFactory.getLogger(SegmentEvaluator.class);

    private final ElasticsearchClient client;
    private final ViewIndexNames names;

    SegmentEvaluator(ElasticsearchClient client, ViewIndexNames names) {
        this.client = client;
        this.names = names;
    }

    /** The segments a customer matches, as of the profile that reflects its events up to {@code lastSequence}. */
    record Result(Set<String> matching, long lastSequence) {}

    /**
     * The segments each customer matches, by customer id, searched once its searchable profile has reached the
     * sequence number {@code wanted} gives it (-1: any): the profile view has written it (a real-time read said so),
     * and when the first search shows an older version, the profile index is refreshed and asked again. Customers
     * merged away (also since the real-time read) are absent.
     */
    Map<String, Result> matching(Map<String, Long> wanted, List<Evaluable> segments, Instant now) {
        List<Query> named = new ArrayList<>();
        for (Evaluable segment : segments) {
            Query rule = SegmentRuleTranslator.toQuery(segment.rule(), now);
            named.add(Query.of(q -> q.bool(b -> b.filter(rule).queryName(segment.id()))));
        }
        Map<String, Result> matching = new HashMap<>();
        Map<String, Long> pending = new LinkedHashMap<>(wanted);
        collect(search(List.copyOf(pending.keySet()), named), matching, pending);
        if (!pending.isEmpty()) {
            refreshProfiles();
            collect(search(List.copyOf(pending.keySet()), named), matching, pending);
        }
        // still not found: merged away since the real-time read; found older: the view was rebuilt meanwhile
        long older = pending.keySet().stream().filter(matching::containsKey).count();
        if (older > 0) {
            log.warn("Segment membership evaluated {} customer(s) on profiles older than their events", older);
        }
        return matching;
    }

    /** Takes what a search found; {@code pending} keeps the customers not found, or found older than wanted. */
    private static void collect(Map<String, Result> found, Map<String, Result> matching, Map<String, Long> pending) {
        found.forEach((id, result) -> {
            matching.put(id, result);
            if (result.lastSequence() >= pending.get(id)) {
                pending.remove(id);
            }
        });
    }

    private Map<String, Result> search(List<String> customerIds, List<Query> named) {
        Map<String, Result> found = new HashMap<>();
        for (int from = 0; from < customerIds.size(); from += MAX_CUSTOMERS_PER_SEARCH) {
            List<String> ids = customerIds.subList(from, Math.min(customerIds.size(), from + MAX_CUSTOMERS_PER_SEARCH));
            Query query = Query.of(q -> q.bool(b -> b.filter(f -> f.ids(i -> i.values(ids)))
                    .mustNot(m -> m.exists(e -> e.field("mergedInto")))
                    .should(named)
                    .minimumShouldMatch("0")));
            try {
                SearchResponse<Void> response = client.search(
                        s -> s.index(names.alias(ViewIndex.PROFILES))
                                .query(query)
                                .size(ids.size())
                                .source(src -> src.fetch(false))
                                .version(true)
                                .trackTotalHits(t -> t.enabled(false))
                                .includeNamedQueriesScore(true),
                        Void.class);
                for (Hit<Void> hit : response.hits().hits()) {
                    Map<String, Double> matched = hit.matchedQueries();
                    // the profile view writes each profile with version lastSequence + 1
                    long lastSequence = hit.version() == null ? -1 : hit.version() - 1;
                    found.put(
                            hit.id(),
                            new Result(matched == null ? Set.of() : Set.copyOf(matched.keySet()), lastSequence));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private void refreshProfiles() {
        try {
            client.indices().refresh(r -> r.index(names.alias(ViewIndex.PROFILES)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
