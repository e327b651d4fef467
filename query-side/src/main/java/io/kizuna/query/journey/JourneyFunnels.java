package io.kizuna.query.journey;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.ArrayPercentilesItem;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.NamedValue;
import io.kizuna.api.journey.FindJourneyFunnel;
import io.kizuna.api.journey.FunnelCohort;
import io.kizuna.api.journey.FunnelStage;
import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyFunnel;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.NotFoundException;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import io.kizuna.projection.journey.JourneyCatalogReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers {@link FindJourneyFunnel} with one aggregation request (size 0) over the stage transitions view: no
 * customer or transition is loaded into memory, so the cost does not grow with the population.
 *
 * <p>Per stage of the model's latest version, in its order: {@code current} counts the entries that are current (not
 * limited by the window); {@code entered} the entries dated in the window {@code [from, to)}; converted entries are
 * those whose next stage lies later in the order ({@code movedOn}, see {@code StageTransitionDocument}), and
 * {@code dropOff} is entered minus converted (still in the stage, or moved back or sideways); time in stage is the
 * median and 90th percentile of {@code secondsInStage} over entries that were left. Entries cut short by a merge
 * are left out of {@code entered}: they have no outcome, and the person goes on as the survivor, whose own
 * transitions count. {@code channel}/{@code campaign} keep entries caused by a touchpoint of that channel/campaign,
 * for every figure. Cohorts are the customers' first-seen months (UTC) at the time of each entry, the latest
 * {@value #MAX_COHORTS} with any entry in the window or any current entry, oldest first; a cohort's
 * {@code customers} are the distinct customers with an entry in the window, counted by a cardinality aggregation
 * at its highest precision: exact in practice up to tens of thousands per cohort, within about a percent above.
 */
@Component
public class JourneyFunnels {

    static final int MAX_COHORTS = 120;
    private static final int CUSTOMERS_PRECISION = 40_000;
    private static final double MEDIAN = 50.0;
    private static final double P90 = 90.0;

    private final ElasticsearchClient client;
    private final ViewIndexNames names;
    private final JourneyCatalogReader catalog;

    public JourneyFunnels(ElasticsearchClient client, ViewIndexNames names, JourneyCatalogReader catalog) {
        this.client = client;
        this.names = names;
        this.catalog = catalog;
    }

    /** The funnel of {@code model} (the default model when null); unknown models are not found. */
    @QueryHandler
    public JourneyFunnel handle(FindJourneyFunnel query) throws IOException {
        if (query.segment() != null) {
            // Segments arrive with issue 5. Until then no segment exists, so naming one is an input error rather
            // than a filter silently ignored.
            throw new InvalidInputException("segment", "unknown segment '" + query.segment() + "'");
        }
        if (query.from() != null && query.to() != null && !query.to().isAfter(query.from())) {
            throw new InvalidInputException("to", "to must be after from (from is inclusive, to exclusive)");
        }
        JourneyCatalog current = catalog.current();
        String modelId = query.model() != null ? query.model() : current.defaultModel();
        JourneyModel model = modelId == null ? null : current.latest(modelId).orElse(null);
        if (model == null) {
            throw new NotFoundException(
                    "model",
                    query.model() == null
                            ? "no default journey model is defined"
                            : "no journey model with id '" + query.model() + "'");
        }
        List<String> stages = model.definition().stages().stream()
                .map(JourneyStageDefinition::id)
                .toList();

        Aggregation currentAgg = currentAggregation(stages);
        Aggregation enteredAgg = enteredAggregation(stages, query.from(), query.to(), false);
        Aggregation cohorts = Aggregation.of(a -> a.terms(
                        t -> t.field("firstSeenMonth").size(MAX_COHORTS).order(NamedValue.of("_key", SortOrder.Desc)))
                .aggregations("current", currentAgg)
                .aggregations("entered", enteredAggregation(stages, query.from(), query.to(), true)));
        SearchResponse<Void> response = client.search(
                s -> s.index(names.alias(ViewIndex.STAGE_TRANSITIONS))
                        .size(0)
                        .query(scope(model.id(), query.channel(), query.campaign()))
                        .aggregations("current", currentAgg)
                        .aggregations("entered", enteredAgg)
                        .aggregations("cohorts", cohorts),
                Void.class);

        List<FunnelStage> funnel = stages(stages, response.aggregations());
        List<FunnelCohort> cohortList = new ArrayList<>();
        for (StringTermsBucket bucket :
                response.aggregations().get("cohorts").sterms().buckets().array()) {
            List<FunnelStage> cohortStages = stages(stages, bucket.aggregations());
            long customers = bucket.aggregations()
                    .get("entered")
                    .filter()
                    .aggregations()
                    .get("customers")
                    .cardinality()
                    .value();
            if (customers > 0 || cohortStages.stream().anyMatch(s -> s.current() > 0)) {
                cohortList.add(0, new FunnelCohort(bucket.key().stringValue(), customers, cohortStages));
            }
        }
        return new JourneyFunnel(model.id(), funnel, cohortList);
    }

    /** Every transition of the model, caused through the channel and campaign asked for. */
    private static Query scope(String model, String channel, String campaign) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        bool.filter(f -> f.term(t -> t.field("model").value(model)));
        if (channel != null) {
            bool.filter(f -> f.term(t -> t.field("channel").value(channel)));
        }
        if (campaign != null) {
            bool.filter(f -> f.term(t -> t.field("campaign").value(campaign)));
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    /** Current entries, by stage. */
    private static Aggregation currentAggregation(List<String> stages) {
        return Aggregation.of(a -> a.filter(f -> f.term(t -> t.field("current").value(true)))
                .aggregations("stage", byStage(stages, Map.of())));
    }

    /** Entries in the window not cut short by a merge, by stage: converted ones and time in stage. */
    private static Aggregation enteredAggregation(List<String> stages, Instant from, Instant to, boolean customers) {
        BoolQuery.Builder window = new BoolQuery.Builder();
        window.mustNot(m -> m.exists(e -> e.field("mergedInto")));
        if (from != null || to != null) {
            window.filter(f -> f.range(r -> r.date(d -> {
                d.field("at");
                if (from != null) {
                    d.gte(from.toString());
                }
                if (to != null) {
                    d.lt(to.toString());
                }
                return d;
            })));
        }
        Map<String, Aggregation> perStage = new LinkedHashMap<>();
        // people, not entries: a customer who enters a stage twice in the window counts once
        perStage.put("who", distinctCustomers());
        perStage.put("movedOn", Aggregation.of(a -> a.filter(
                        f -> f.term(t -> t.field("movedOn").value(true)))
                .aggregations("who", distinctCustomers())));
        perStage.put(
                "time",
                Aggregation.of(a -> a.percentiles(
                        p -> p.field("secondsInStage").percents(MEDIAN, P90).keyed(false))));
        return Aggregation.of(a -> {
            var filter = a.filter(f -> f.bool(window.build())).aggregations("stage", byStage(stages, perStage));
            if (customers) {
                filter.aggregations(
                        "customers",
                        Aggregation.of(c ->
                                c.cardinality(cd -> cd.field("customerId").precisionThreshold(CUSTOMERS_PRECISION))));
            }
            return filter;
        });
    }

    private static Aggregation distinctCustomers() {
        return Aggregation.of(c -> c.cardinality(cd -> cd.field("customerId").precisionThreshold(CUSTOMERS_PRECISION)));
    }

    /** One bucket per stage id (the entries into that stage), each with {@code sub}. */
    private static Aggregation byStage(List<String> stages, Map<String, Aggregation> sub) {
        Map<String, Query> filters = new LinkedHashMap<>();
        for (String stage : stages) {
            filters.put(stage, Query.of(q -> q.term(t -> t.field("to").value(stage))));
        }
        return Aggregation.of(
                a -> a.filters(f -> f.filters(b -> b.keyed(filters))).aggregations(sub));
    }

    private static List<FunnelStage> stages(List<String> stages, Map<String, Aggregate> aggregations) {
        Map<String, FiltersBucket> current = aggregations
                .get("current")
                .filter()
                .aggregations()
                .get("stage")
                .filters()
                .buckets()
                .keyed();
        Map<String, FiltersBucket> entered = aggregations
                .get("entered")
                .filter()
                .aggregations()
                .get("stage")
                .filters()
                .buckets()
                .keyed();
        List<FunnelStage> result = new ArrayList<>();
        for (String stage : stages) {
            FiltersBucket in = entered.get(stage);
            long enteredCount = in.aggregations().get("who").cardinality().value();
            long converted = in.aggregations()
                    .get("movedOn")
                    .filter()
                    .aggregations()
                    .get("who")
                    .cardinality()
                    .value();
            List<ArrayPercentilesItem> time =
                    in.aggregations().get("time").tdigestPercentiles().values().array();
            result.add(new FunnelStage(
                    stage,
                    current.get(stage).docCount(),
                    enteredCount,
                    enteredCount == 0 ? null : (double) converted / enteredCount,
                    percentile(time, MEDIAN),
                    percentile(time, P90),
                    enteredCount - converted));
        }
        return result;
    }

    /** The value at {@code percent}, or null when no entry was left (Elasticsearch answers null or NaN). */
    private static Double percentile(List<ArrayPercentilesItem> items, double percent) {
        for (ArrayPercentilesItem item : items) {
            if (item.key() == percent) {
                Double value = item.value();
                return value == null || value.isNaN() ? null : value;
            }
        }
        return null;
    }
}
