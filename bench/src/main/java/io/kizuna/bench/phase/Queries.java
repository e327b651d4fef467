package io.kizuna.bench.phase;

import io.kizuna.bench.generate.Catalog;
import io.kizuna.bench.generate.Dataset;
import io.kizuna.bench.generate.Dataset.Customer;
import io.kizuna.bench.platform.BenchException;
import io.kizuna.bench.platform.PlatformClient;
import io.kizuna.bench.platform.PlatformClient.GraphQlAnswer;
import io.kizuna.bench.report.Latencies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Latency of the GraphQL reads a frontend and an auditor make, one request at a time after a warm-up, each on
 * customers picked from the generated ones by the seed: profile by id, customer search (free text and filters), a
 * timeline page, a journey funnel, a segment's size, a page of a customer's stored history, and time travel (the
 * customer as known at a past moment, rebuilt from the event store) on the customer with the longest history.
 */
public final class Queries {

    public static final String PROFILE_BY_ID = "profile_by_id";
    public static final String SEARCH = "search";
    public static final String TIMELINE_PAGE = "timeline_page";
    public static final String FUNNEL = "funnel";
    public static final String SEGMENT_SIZE = "segment_size";
    public static final String HISTORY_PAGE = "history_page";
    public static final String TIME_TRAVEL = "time_travel";

    private static final String PROFILE =
            """
            query($id: ID!) { customer(id: $id) { id identifiers { type value } traits firstSeenAt lastSeenAt
              touchpointCount countsByType { key count } countsByChannel { key count }
              lifetimeValue { amount currency } stages { model stage enteredAt } } }""";
    private static final String SEARCH_TEXT =
            """
            query($q: String!) { customers(query: $q, filter: { touchpointTypes: ["order_completed", "purchase"] },
              first: 20) { totalCount edges { cursor node { id identifiers { type value } lastSeenAt } } } }""";
    private static final String SEARCH_FILTER =
            """
            query($channel: String!, $min: Int!) { customers(filter: { channels: [$channel], minTouchpoints: $min },
              first: 20) { totalCount edges { cursor node { id lastSeenAt touchpointCount } } } }""";
    private static final String TIMELINE =
            """
            query($id: ID!) { customer(id: $id) { timeline(first: 20) { edges { cursor node { messageId type channel
              occurredAt recordedAt campaign value { amount currency } } } pageInfo { hasNextPage endCursor } } } }""";
    private static final String FUNNEL_QUERY =
            """
            query($model: ID!) { journeyFunnel(model: $model) { model stages { stage current entered conversionRate
              medianSecondsInStage dropOff } } }""";
    private static final String SEGMENT = "query($id: ID!) { segment(id: $id) { id size } }";
    private static final String HISTORY =
            """
            query($id: ID!) { customerHistory(id: $id, first: 20) { totalCount edges { cursor node { position sequence
              type occurredAt recordedAt hash } } pageInfo { hasNextPage endCursor } } }""";
    private static final String AS_OF =
            """
            query($id: ID!, $knownAt: DateTime!) { customerAsOf(id: $id, knownAt: $knownAt) { id touchpointCount
              lastSequence lifetimeValue { amount currency } stages { model stage } } }""";

    private static final List<String> MODELS = List.of("four_stage", "five_stage", "b2c_six_stage");
    private static final List<String> SEGMENTS = List.of("frequent_buyers", "new_customers", "at_risk", "churned");
    private static final List<String> CHANNELS = List.of("web", "store", "email", "ads", "call_center");

    private final PlatformClient client;
    private final int iterations;
    private final int warmUp;

    private final java.io.PrintStream err;

    public Queries(PlatformClient client, int iterations, java.io.PrintStream err) {
        this.client = client;
        this.err = err;
        this.iterations = iterations;
        this.warmUp = Math.max(3, iterations / 10);
    }

    /**
     * @param platformIds platform ids of the generated customers (by index; null: not found)
     * @param historySince a moment within the run's writes (for time travel's knownAt)
     * @return latencies by query name, plus a note per query (what it ran on)
     */
    public Map<String, Latencies> run(
            Dataset data, String[] platformIds, long seed, Instant historySince, Map<String, String> notes) {
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < platformIds.length; i++) {
            if (platformIds[i] != null) {
                known.add(i);
            }
        }
        if (known.isEmpty()) {
            throw new BenchException("no generated customer is known to the platform: nothing to query");
        }
        int deepest = known.get(0);
        for (int i : known) {
            if (data.customers().get(i).expectedTouchpoints()
                    > data.customers().get(deepest).expectedTouchpoints()) {
                deepest = i;
            }
        }
        String deepId = platformIds[deepest];
        notes.put(
                TIME_TRAVEL,
                "customer " + deepId + " with " + data.customers().get(deepest).expectedTouchpoints() + " touchpoints");
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Map<String, Latencies> results = new LinkedHashMap<>();
        measure(results, PROFILE_BY_ID, () -> request(PROFILE, "id", randomId(rng, known, platformIds)));
        measure(results, SEARCH, () -> {
            if (rng.nextBoolean()) {
                Customer someone = data.customers().get(known.get(rng.nextInt(known.size())));
                String q = someone.familyName() != null
                        ? someone.familyName()
                        : Catalog.FAMILY_NAMES.get(rng.nextInt(Catalog.FAMILY_NAMES.size()));
                return request(SEARCH_TEXT, "q", q);
            }
            return client.graphql(
                    SEARCH_FILTER,
                    PlatformClient.vars(
                            "channel", CHANNELS.get(rng.nextInt(CHANNELS.size())), "min", 1 + rng.nextInt(10)));
        });
        measure(results, TIMELINE_PAGE, () -> request(TIMELINE, "id", randomId(rng, known, platformIds)));
        measure(results, FUNNEL, () -> request(FUNNEL_QUERY, "model", MODELS.get(rng.nextInt(MODELS.size()))));
        measure(results, SEGMENT_SIZE, () -> request(SEGMENT, "id", SEGMENTS.get(rng.nextInt(SEGMENTS.size()))));
        measure(results, HISTORY_PAGE, () -> request(HISTORY, "id", randomId(rng, known, platformIds)));
        long from = historySince.toEpochMilli();
        long span = Math.max(1, System.currentTimeMillis() - from);
        measure(
                results,
                TIME_TRAVEL,
                () -> client.graphql(
                        AS_OF,
                        PlatformClient.vars(
                                "id",
                                deepId,
                                "knownAt",
                                Instant.ofEpochMilli(from + (long) (rng.nextDouble() * span))
                                        .toString())));
        return results;
    }

    private interface Request {
        GraphQlAnswer send();
    }

    private void measure(Map<String, Latencies> results, String name, Request request) {
        err.printf("kizuna bench: GraphQL %s, %d requests after %d to warm up%n", name, iterations, warmUp);
        for (int i = 0; i < warmUp; i++) {
            check(name, request.send());
        }
        Latencies latencies = new Latencies();
        for (int i = 0; i < iterations; i++) {
            GraphQlAnswer answer = request.send();
            check(name, answer);
            latencies.add(answer.nanos());
        }
        results.put(name, latencies);
    }

    private static void check(String name, GraphQlAnswer answer) {
        if (!answer.ok()) {
            throw new BenchException("GraphQL " + name + " failed: " + answer.errors());
        }
    }

    private GraphQlAnswer request(String query, String name, Object value) {
        return client.graphql(query, PlatformClient.vars(name, value));
    }

    private static String randomId(SplittableRandom rng, List<Integer> known, String[] ids) {
        return ids[known.get(rng.nextInt(known.size()))];
    }
}
