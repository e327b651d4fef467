package io.kizuna.query.source;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kizuna.api.source.ListSources;
import io.kizuna.api.source.SourceList;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.projection.source.SourceDocument;
import java.io.IOException;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers questions about sources from the sources view. */
@Component
public class SourceQueries {

    /** Sources are configured by people, not generated: a few dozen is normal, this many is plenty. */
    public static final int MAX_SOURCES = 1000;

    private final ElasticsearchClient client;
    private final ViewIndexNames names;

    public SourceQueries(ElasticsearchClient client, ViewIndexNames names) {
        this.client = client;
        this.names = names;
    }

    @QueryHandler
    public SourceList handle(ListSources query) throws IOException {
        SearchResponse<SourceDocument> response = client.search(
                s -> s.index(names.alias(ViewIndex.SOURCES))
                        .query(q -> query.includeRevoked()
                                ? q.matchAll(m -> m)
                                : q.bool(b -> b.mustNot(
                                        n -> n.term(t -> t.field("revoked").value(true)))))
                        .sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
                        .size(MAX_SOURCES),
                SourceDocument.class);
        return new SourceList(response.hits().hits().stream()
                .map(Hit::source)
                .map(SourceDocument::toDetails)
                .toList());
    }
}
