package io.kizuna.query.access;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kizuna.api.access.AccessLogEntry;
import io.kizuna.api.access.AccessLogPage;
import io.kizuna.api.access.FindAccessLog;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.projection.access.AccessLogDocument;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Answers "who read customer history?" from the access-log view: newest first (by the time of the read, then by
 * access id), filtered by time, actor and customer, a page at a time with {@code search_after} cursors.
 */
@Component
public class AccessLogQueries {

    private final ElasticsearchClient client;
    private final ViewIndexNames names;
    private final int maxPageSize;

    public AccessLogQueries(
            ElasticsearchClient client,
            ViewIndexNames names,
            @Value("${kizuna.query.max-page-size:100}") int maxPageSize) {
        this.client = client;
        this.names = names;
        this.maxPageSize = maxPageSize;
    }

    @QueryHandler
    public AccessLogPage handle(FindAccessLog query) throws IOException {
        if (query.first() < 1 || query.first() > maxPageSize) {
            throw new InvalidInputException(
                    "first", "first must be between 1 and " + maxPageSize + ", got " + query.first());
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new InvalidInputException("from", "from must be before to");
        }
        List<FieldValue> after = query.after() == null ? null : PageCursor.decode(query.after());
        int size = query.first();
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (query.from() != null || query.to() != null) {
            bool.filter(f -> f.range(r -> r.date(d -> {
                d.field("at");
                if (query.from() != null) {
                    d.gte(query.from().toString());
                }
                if (query.to() != null) {
                    d.lt(query.to().toString());
                }
                return d;
            })));
        }
        if (query.actor() != null) {
            bool.filter(f -> f.term(t -> t.field("actor").value(query.actor())));
        }
        if (query.customerId() != null) {
            bool.filter(f -> f.term(t -> t.field("customerId").value(query.customerId())));
        }
        SearchResponse<AccessLogDocument> response = client.search(
                s -> {
                    s.index(names.alias(ViewIndex.ACCESS_LOG))
                            .query(q -> q.bool(bool.build()))
                            .sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc)))
                            .sort(o -> o.field(f -> f.field("id").order(SortOrder.Desc)))
                            .trackTotalHits(t -> t.enabled(true))
                            .size(size + 1);
                    if (after != null) {
                        s.searchAfter(after);
                    }
                    return s;
                },
                AccessLogDocument.class);
        List<Hit<AccessLogDocument>> hits = response.hits().hits();
        List<AccessLogEntry> entries = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        for (Hit<AccessLogDocument> hit : hits.subList(0, Math.min(size, hits.size()))) {
            entries.add(hit.source().toEntry());
            cursors.add(PageCursor.encode(hit.sort()));
        }
        long total = response.hits().total() == null
                ? entries.size()
                : response.hits().total().value();
        return new AccessLogPage(entries, cursors, hits.size() > size, total);
    }

    /**
     * Opaque cursors: the sort values of a page's last hit (the read's time as a number, the access id), for
     * {@code search_after}. Anything else given as a cursor is refused as bad input.
     */
    static final class PageCursor {

        private static final char SEPARATOR = '|';

        private PageCursor() {}

        static String encode(List<FieldValue> sortValues) {
            String text = sortValues.get(0).longValue()
                    + String.valueOf(SEPARATOR)
                    + sortValues.get(1).stringValue();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static List<FieldValue> decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int separator = text.indexOf(SEPARATOR);
                long at = Long.parseLong(text.substring(0, separator));
                String id = text.substring(separator + 1);
                if (id.isEmpty()) {
                    throw new IllegalArgumentException("no id");
                }
                return List.of(FieldValue.of(at), FieldValue.of(id));
            } catch (RuntimeException e) {
                throw new InvalidInputException(
                        "after", "not a cursor from this list: pass a cursor from the previous page");
            }
        }
    }
}
