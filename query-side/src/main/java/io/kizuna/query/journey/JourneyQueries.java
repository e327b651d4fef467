package io.kizuna.query.journey;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kizuna.api.journey.FindJourneyModel;
import io.kizuna.api.journey.FindJourneyModels;
import io.kizuna.api.journey.FindStageHistory;
import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModels;
import io.kizuna.api.journey.StageHistory;
import io.kizuna.api.journey.StageTransition;
import io.kizuna.projection.customer.StageTransitionDocument;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.projection.journey.JourneyCatalogReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers questions about journey models, from the catalog's events (folded once, then read on from the last event
 * folded: one small read per question), and about customers' stage histories, from the stage transitions view.
 */
@Component
public class JourneyQueries {

    /** A history is read in pages of this many transitions, so a long one is complete without a deep page. */
    static final int HISTORY_PAGE = 500;

    private final ElasticsearchClient client;
    private final ViewIndexNames names;
    private final JourneyCatalogReader catalog;

    public JourneyQueries(ElasticsearchClient client, ViewIndexNames names, JourneyCatalogReader catalog) {
        this.client = client;
        this.names = names;
        this.catalog = catalog;
    }

    @QueryHandler
    public JourneyModels handle(FindJourneyModels query) {
        JourneyCatalog current = catalog.current();
        return new JourneyModels(current.models(), current.defaultModel());
    }

    /** The latest version of the model, or null when there is no such model. */
    @QueryHandler
    public JourneyModel handle(FindJourneyModel query) {
        return query.id() == null ? null : catalog.current().latest(query.id()).orElse(null);
    }

    /**
     * The customer's own transitions (a survivor's history does not include those of customers it absorbed: each
     * record moved through the stages on its own), by business time, then by the order they were stored.
     */
    @QueryHandler
    public StageHistory handle(FindStageHistory query) throws IOException {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.filter(f -> f.term(t -> t.field("customerId").value(query.customerId())));
        if (query.model() != null) {
            bool.filter(f -> f.term(t -> t.field("model").value(query.model())));
        }
        BoolQuery filter = bool.build();
        List<StageTransition> transitions = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<StageTransitionDocument> response = client.search(
                    s -> {
                        s.index(names.alias(ViewIndex.STAGE_TRANSITIONS))
                                .query(q -> q.bool(filter))
                                .sort(o -> o.field(f -> f.field("at").order(SortOrder.Asc)))
                                .sort(o -> o.field(f -> f.field("sequence").order(SortOrder.Asc)))
                                .size(HISTORY_PAGE);
                        if (searchAfter != null) {
                            s.searchAfter(searchAfter);
                        }
                        return s;
                    },
                    StageTransitionDocument.class);
            List<Hit<StageTransitionDocument>> hits = response.hits().hits();
            hits.forEach(hit -> transitions.add(hit.source().toTransition()));
            if (hits.size() < HISTORY_PAGE) {
                return new StageHistory(transitions);
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }
}
