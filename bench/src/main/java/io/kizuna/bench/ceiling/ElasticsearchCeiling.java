package io.kizuna.bench.ceiling;

import io.kizuna.bench.generate.Dataset;
import io.kizuna.bench.generate.Message;
import io.kizuna.bench.platform.BenchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw bulk indexing rate of Elasticsearch on this machine, the ceiling of the views: for each touchpoint the
 * documents the platform writes (a timeline document, and the customer's profile document rewritten), sent with the
 * bulk API over plain HTTP by {@code clients} connections into two scratch indices (one shard, no replica, refresh
 * every second, as the platform's view indices) that are deleted afterwards.
 */
public final class ElasticsearchCeiling {

    private static final String TIMELINE_INDEX =
            """
            {"settings":{"number_of_shards":1,"number_of_replicas":0,"refresh_interval":"1s"},
             "mappings":{"dynamic":"strict","properties":{
               "customerId":{"type":"keyword"},"sequence":{"type":"long"},"messageId":{"type":"keyword"},
               "type":{"type":"keyword"},"channel":{"type":"keyword"},"occurredAt":{"type":"date"},
               "recordedAt":{"type":"date"},"campaign":{"type":"keyword"},"sourceId":{"type":"keyword"},
               "value":{"properties":{"amount":{"type":"keyword","index":false},"currency":{"type":"keyword"},
                 "numeric":{"type":"double"}}},
               "properties":{"type":"object","enabled":false}}}}""";
    private static final String PROFILE_INDEX =
            """
            {"settings":{"number_of_shards":1,"number_of_replicas":0,"refresh_interval":"1s"},
             "mappings":{"properties":{
               "id":{"type":"keyword"},"identifiers":{"properties":{"type":{"type":"keyword"},"value":{"type":"keyword"}}},
               "traits":{"type":"object","dynamic":true},"firstSeenAt":{"type":"date"},"lastSeenAt":{"type":"date"},
               "touchpointCount":{"type":"integer"},"lastSequence":{"type":"long"},
               "countsByType":{"type":"nested","properties":{"key":{"type":"keyword"},"count":{"type":"integer"}}},
               "countsByChannel":{"type":"nested","properties":{"key":{"type":"keyword"},"count":{"type":"integer"}}},
               "updatedAt":{"type":"date"}}}}""";

    /** @param documents documents indexed (two per touchpoint) */
    public record Result(long documents, double seconds, double documentsPerSecond, String indexPrefix) {}

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public ElasticsearchCeiling(URI url) {
        this.url = URI.create(url.toString().replaceAll("/+$", ""));
    }

    /**
     * @param touchpoints touchpoints to write (each two documents)
     * @param batchSize touchpoints per bulk request
     */
    public Result run(Dataset data, long touchpoints, int clients, int batchSize) throws InterruptedException {
        String prefix = "kizuna-bench-ceiling-" + Long.toHexString(System.nanoTime());
        String timeline = prefix + "-timeline";
        String profiles = prefix + "-profiles";
        try {
            request("PUT", "/" + timeline, TIMELINE_INDEX, "application/json");
            request("PUT", "/" + profiles, PROFILE_INDEX, "application/json");
            request(
                    "GET",
                    "/_cluster/health/" + timeline + "," + profiles + "?wait_for_status=yellow&timeout=60s",
                    null,
                    null);
            EventRows shapes = new EventRows(data);
            AtomicLong next = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long started = System.nanoTime();
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < clients; w++) {
                    workers.add(pool.submit(() -> {
                        while (true) {
                            long from = next.getAndAdd(batchSize);
                            if (from >= touchpoints) {
                                return null;
                            }
                            long to = Math.min(touchpoints, from + batchSize);
                            bulk(shapes, timeline, profiles, from, to);
                        }
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new BenchException("the Elasticsearch ceiling failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long documents = touchpoints * 2;
            return new Result(documents, seconds, documents / seconds, prefix);
        } finally {
            try {
                request("DELETE", "/" + timeline + "," + profiles + "?ignore_unavailable=true", null, null);
            } catch (RuntimeException e) {
                System.err.println(
                        "kizuna bench: could not delete the scratch indices " + prefix + "-*: " + e.getMessage());
            }
        }
    }

    private void bulk(EventRows shapes, String timeline, String profiles, long from, long to) {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) (to - from) * 1400);
        Instant now = Instant.now();
        for (long i = from; i < to; i++) {
            Message m = shapes.touchpoint(i);
            String customer = shapes.customerId(m);
            write(body, "{\"index\":{\"_index\":\"" + timeline + "\",\"_id\":\"" + customer + ":" + i + "\"}}\n");
            body.writeBytes(EventRows.json(shapes.timelineDocument(m, now)));
            body.write('\n');
            write(body, "{\"index\":{\"_index\":\"" + profiles + "\",\"_id\":\"" + customer + "\"}}\n");
            body.writeBytes(EventRows.json(shapes.profileDocument(m, now)));
            body.write('\n');
        }
        String answer = request("POST", "/_bulk", body.toByteArray(), "application/x-ndjson");
        if (answer.startsWith("{\"errors\":true") || answer.contains("\"errors\":true")) {
            throw new BenchException(
                    "bulk indexing reported errors: " + answer.substring(0, Math.min(500, answer.length())));
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private String request(String method, String path, Object body, String contentType) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(2));
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : body instanceof byte[] bytes
                        ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                        : HttpRequest.BodyPublishers.ofString((String) body);
        request.method(method, publisher);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new BenchException("Elasticsearch at " + url + " answered " + method + " " + path + " with HTTP "
                        + response.statusCode() + ": "
                        + response.body()
                                .substring(0, Math.min(300, response.body().length())));
            }
            return response.body();
        } catch (IOException e) {
            throw new BenchException(
                    "cannot reach Elasticsearch at " + url + " (" + e
                            + "): give --elasticsearch-url (the platform's kizuna.elasticsearch.url)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
