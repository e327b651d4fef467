package io.kizuna.bench.phase;

import io.kizuna.bench.generate.Dataset;
import io.kizuna.bench.generate.Dataset.Customer;
import io.kizuna.bench.platform.BenchException;
import io.kizuna.bench.platform.PlatformClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * Counts what the platform stored of a dataset, through GraphQL only: every generated customer is looked up by its
 * first anonymousId ({@code customerByIdentifier}, fifty to a request), which names the platform customer holding
 * everything of that person (a merged second device included); the touchpoint counts of the distinct customers found
 * are compared with what the generator sent, after deduplication. Touchpoints missing are lost, touchpoints over the
 * expected count are doubled.
 */
public final class StoredCount {

    private static final int PER_REQUEST = 50;
    private static final int MISMATCHES_KEPT = 10;

    /** A platform customer whose count differs from what was sent to it (the first few, to look into). */
    public record Mismatch(String platformId, List<String> anonymousIds, long expected, long stored) {}

    /**
     * @param stored touchpoints the platform holds for the generated customers
     * @param lost expected touchpoints missing (summed per customer)
     * @param doubled touchpoints over the expected count (summed per customer)
     * @param missingCustomers generated customers the platform does not know
     * @param unexpectedMerges platform customers holding more than one generated customer
     * @param platformIds platform customer id of each generated customer (by index), null when unknown
     */
    public record Result(
            long stored,
            long lost,
            long doubled,
            long missingCustomers,
            long unexpectedMerges,
            String[] platformIds,
            List<Mismatch> mismatches) {

        public boolean exact() {
            return lost == 0 && doubled == 0;
        }
    }

    private final PlatformClient client;
    private final int clients;

    public StoredCount(PlatformClient client, int clients) {
        this.client = client;
        this.clients = clients;
    }

    public Result count(Dataset data) throws InterruptedException {
        List<Customer> customers = data.customers();
        String[] ids = new String[customers.size()];
        long[] counts = new long[customers.size()];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int from = 0; from < customers.size(); from += PER_REQUEST) {
                int start = from;
                int end = Math.min(customers.size(), from + PER_REQUEST);
                parts.add(pool.submit(() -> {
                    lookUp(customers.subList(start, end), start, ids, counts);
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                try {
                    part.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new BenchException("counting stored touchpoints failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, long[]> byPlatformId = new java.util.LinkedHashMap<>(); // expected, stored, generated customers
        Map<String, List<String>> anonymousIds = new HashMap<>();
        long lost = 0;
        long missing = 0;
        for (int i = 0; i < customers.size(); i++) {
            if (ids[i] == null) {
                lost += customers.get(i).expectedTouchpoints();
                missing++;
                continue;
            }
            long[] sums = byPlatformId.computeIfAbsent(ids[i], k -> new long[3]);
            sums[0] += customers.get(i).expectedTouchpoints();
            sums[1] = counts[i];
            sums[2]++;
            anonymousIds
                    .computeIfAbsent(ids[i], k -> new ArrayList<>())
                    .add(customers.get(i).anonymousId());
        }
        List<Mismatch> mismatches = new ArrayList<>();
        long stored = 0;
        long doubled = 0;
        long unexpectedMerges = 0;
        for (long[] sums : byPlatformId.values()) {
            stored += sums[1];
            lost += Math.max(0, sums[0] - sums[1]);
            doubled += Math.max(0, sums[1] - sums[0]);
            if (sums[2] > 1) {
                unexpectedMerges++;
            }
        }
        for (Map.Entry<String, long[]> e : byPlatformId.entrySet()) {
            if (e.getValue()[0] != e.getValue()[1] && mismatches.size() < MISMATCHES_KEPT) {
                mismatches.add(
                        new Mismatch(e.getKey(), anonymousIds.get(e.getKey()), e.getValue()[0], e.getValue()[1]));
            }
        }
        return new Result(stored, lost, doubled, missing, unexpectedMerges, ids, mismatches);
    }

    private void lookUp(List<Customer> part, int offset, String[] ids, long[] counts) {
        StringBuilder query = new StringBuilder("query {");
        for (int k = 0; k < part.size(); k++) {
            query.append(" c")
                    .append(k)
                    .append(": customerByIdentifier(type: \"anonymousId\", value: \"")
                    .append(part.get(k).anonymousId())
                    .append("\") { id touchpointCount }");
        }
        query.append(" }");
        JsonNode data = client.dataAllowingNotFound(query.toString(), null);
        for (int k = 0; k < part.size(); k++) {
            JsonNode customer = data.get("c" + k);
            if (customer != null && !customer.isNull()) {
                ids[offset + k] = customer.get("id").asString();
                counts[offset + k] = customer.get("touchpointCount").asLong();
            }
        }
    }
}
