package io.kizuna.query.segment.rule;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.kizuna.api.segment.rule.SegmentRules;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The measurement behind the choice of view design for touchpoint counts in relative windows (issue 5: "measure and
 * choose"). Not part of the build: run it with
 * {@code ./mvnw -pl query-side -am test -Dtest=WindowCountDesignMeasurement -Dkizuna.measure=true
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dkizuna.measure.customers=20000]}; it prints a table (kept in
 * docs/segment-rules.md).
 *
 * <p>The same seeded population is loaded twice into the test node:
 *
 * <ul>
 *   <li>daily buckets (chosen): one profile document per customer, with a nested {@code activity} entry per day, type,
 *       channel and campaign holding a count; a window count is one query over profiles (a nested sum of counts and
 *       {@code min_score}, as {@link SegmentRuleTranslator} writes it), combinable with every other condition;
 *   <li>an activity index: one document per touchpoint; a window count is a {@code terms} aggregation by customer
 *       with {@code min_doc_count} (no scripts, so no {@code bucket_selector}), and any other condition, "fewer
 *       than", "exactly" or "none" need a second step on the client (ids back into a profile query, set differences).
 * </ul>
 *
 * Both must give the same answers; the test checks that before it reports any time.
 */
@EnabledIfSystemProperty(named = "kizuna.measure", matches = "true")
class WindowCountDesignMeasurement {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final List<String> TYPES = List.of(
            "web_visit", "web_visit", "web_visit", "email_open", "email_open", "ad_click", "purchase", "coupon");
    private static final List<String> CHANNELS = List.of("web", "email", "store", "app");
    private static final int RUNS = 40;

    private final String prefix = "measure-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String profiles = prefix + "profiles";
    private final String activity = prefix + "activity";

    @Test
    void dailyBucketsAgainstAnActivityIndex() throws Exception {
        int customers = Integer.getInteger("kizuna.measure.customers", 20_000);
        ElasticsearchClient client = client();
        try {
            create(client);
            Population population = generate(customers, new Random(7));
            long bucketsLoad = load(client, profiles, population.profiles);
            long activityLoad = load(client, activity, population.touchpoints);
            client.indices().refresh(r -> r.index(profiles, activity));
            client.indices().forcemerge(f -> f.index(profiles, activity).maxNumSegments(1L));

            String rule = "touchpoints(type: purchase, within: 90d) >= 3";
            Query buckets = SegmentRuleTranslator.toQuery(SegmentRules.parse(rule), NOW);
            Query notBuckets = SegmentRuleTranslator.toQuery(SegmentRules.parse("not (" + rule + ")"), NOW);
            Query combinedBuckets = SegmentRuleTranslator.toQuery(
                    SegmentRules.parse(rule + " and touchpoints(channel: email, within: 30d) = 0"), NOW);

            long a = countProfiles(client, buckets);
            Set<String> b = customersWithAtLeast(client, 3, "purchase", null, 90);
            assertThat(b).hasSize((int) a);
            long notA = countProfiles(client, notBuckets);
            assertThat(notA).isEqualTo(customers - b.size());
            long combinedA = countProfiles(client, combinedBuckets);
            Set<String> combinedB = new HashSet<>(b);
            combinedB.removeAll(customersWithAtLeast(client, 1, null, "email", 30));
            assertThat(combinedB).hasSize((int) combinedA);

            Map<String, long[]> times = new LinkedHashMap<>();
            times.put("count >= 3 in 90d", new long[] {
                time(() -> countProfiles(client, buckets)),
                time(() -> customersWithAtLeast(client, 3, "purchase", null, 90).size())
            });
            times.put("not (count >= 3 in 90d)", new long[] {
                time(() -> countProfiles(client, notBuckets)),
                time(() -> customers
                        - customersWithAtLeast(client, 3, "purchase", null, 90).size())
            });
            times.put("... and none by email in 30d", new long[] {
                time(() -> countProfiles(client, combinedBuckets)),
                time(() -> {
                    Set<String> in = customersWithAtLeast(client, 3, "purchase", null, 90);
                    in.removeAll(customersWithAtLeast(client, 1, null, "email", 30));
                    return in.size();
                })
            });

            var stats = client.indices().stats(s -> s.index(profiles, activity)).indices();
            System.out.printf(
                    "%n%d customers, %d touchpoints, %d daily buckets (answers: %d, %d, %d customers)%n",
                    customers, population.touchpoints.size(), population.buckets, a, notA, combinedA);
            System.out.printf("%-34s %18s %18s%n", "", "daily buckets", "activity index");
            System.out.printf(
                    "%-34s %18d %18d%n",
                    "documents",
                    stats.get(profiles).primaries().docs().count(),
                    stats.get(activity).primaries().docs().count());
            System.out.printf(
                    "%-34s %18.1f %18.1f%n",
                    "store size (MB, after force merge)",
                    stats.get(profiles).primaries().store().sizeInBytes() / 1e6,
                    stats.get(activity).primaries().store().sizeInBytes() / 1e6);
            System.out.printf("%-34s %18d %18d%n", "bulk load (ms)", bucketsLoad, activityLoad);
            times.forEach((what, t) -> System.out.printf(
                    "%-34s %18s %18s%n", what + " median ms", t[0] / 1000.0 + "", t[1] / 1000.0 + ""));
        } finally {
            client.indices().delete(d -> d.index(prefix + "*"));
            client._transport().close();
        }
    }

    /** Median in microseconds of {@value #RUNS} runs after 5 warm-ups. */
    private static long time(Supplier<?> query) {
        for (int i = 0; i < 5; i++) {
            query.get();
        }
        long[] micros = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            query.get();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        return micros[RUNS / 2];
    }

    private long countProfiles(ElasticsearchClient client, Query query) {
        try {
            return client.count(c -> c.index(profiles).query(query)).count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The activity index's answer: customers with at least {@code n} matching touchpoints in the last days. */
    private Set<String> customersWithAtLeast(ElasticsearchClient client, int n, String type, String channel, int days) {
        LocalDate first = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(days);
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.range(r -> r.date(d -> d.field("day").gte(first.toString())))));
        if (type != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("type").value(FieldValue.of(type)))));
        }
        if (channel != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("channel").value(FieldValue.of(channel)))));
        }
        try {
            SearchResponse<Void> response = client.search(
                    s -> s.index(activity)
                            .size(0)
                            .query(q -> q.bool(b -> b.filter(filters)))
                            .aggregations(
                                    "customers",
                                    a -> a.terms(t ->
                                            t.field("customerId").minDocCount(n).size(65_000))),
                    Void.class);
            Set<String> ids = new HashSet<>();
            for (StringTermsBucket bucket :
                    response.aggregations().get("customers").sterms().buckets().array()) {
                ids.add(bucket.key().stringValue());
            }
            return ids;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Population(
            List<Map<String, Object>> profiles, List<Map<String, Object>> touchpoints, long buckets) {}

    /** Customers with 1 to 40 touchpoints over the last year, more recent ones likelier. */
    private static Population generate(int customers, Random random) {
        List<Map<String, Object>> profiles = new ArrayList<>();
        List<Map<String, Object>> touchpoints = new ArrayList<>();
        long buckets = 0;
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        for (int c = 0; c < customers; c++) {
            String id = String.format("c%07d", c);
            Map<String, long[]> days = new TreeMap<>();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                LocalDate day = today.minusDays((long) (365 * Math.pow(random.nextDouble(), 2)));
                String type = TYPES.get(random.nextInt(TYPES.size()));
                String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
                touchpoints.add(Map.of("customerId", id, "day", day.toString(), "type", type, "channel", channel));
                days.computeIfAbsent(day + "|" + type + "|" + channel, k -> new long[1])[0]++;
            }
            List<Map<String, Object>> activity = new ArrayList<>();
            days.forEach((key, n) -> {
                String[] parts = key.split("\\|");
                activity.add(Map.of("day", parts[0], "type", parts[1], "channel", parts[2], "count", n[0]));
            });
            buckets += activity.size();
            profiles.add(Map.of("id", id, "activity", activity));
        }
        return new Population(profiles, touchpoints, buckets);
    }

    private static long load(ElasticsearchClient client, String index, List<Map<String, Object>> docs)
            throws Exception {
        long start = System.nanoTime();
        for (int from = 0; from < docs.size(); from += 2000) {
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            for (Map<String, Object> doc : docs.subList(from, Math.min(docs.size(), from + 2000))) {
                Object id = doc.containsKey("activity") ? doc.get("id") : null;
                bulk.operations(o -> o.index(i -> {
                    i.index(index).document(doc);
                    return id == null ? i : i.id((String) id);
                }));
            }
            var response = client.bulk(bulk.build());
            assertThat(response.errors()).isFalse();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void create(ElasticsearchClient client) throws Exception {
        client.indices()
                .create(
                        c -> c.index(profiles)
                                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                                .mappings(
                                        m -> m.withJson(
                                                new StringReader(
                                                        """
                        { "properties": { "id": { "type": "keyword" },
                          "activity": { "type": "nested", "properties": {
                            "day": { "type": "date" }, "type": { "type": "keyword" },
                            "channel": { "type": "keyword" }, "campaign": { "type": "keyword" },
                            "count": { "type": "long" } } } } }
                        """))));
        client.indices()
                .create(
                        c -> c.index(activity)
                                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                                .mappings(
                                        m -> m.withJson(
                                                new StringReader(
                                                        """
                        { "properties": { "customerId": { "type": "keyword" }, "day": { "type": "date" },
                          "type": { "type": "keyword" }, "channel": { "type": "keyword" } } }
                        """))));
    }

    private static ElasticsearchClient client() throws Exception {
        Rest5Client rest = Rest5Client.builder(
                        HttpHost.create(TestElasticsearch.url().toString()))
                .build();
        return new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
    }
}
