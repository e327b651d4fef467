package io.kizuna.bench.phase;

import io.kizuna.bench.platform.BenchException;
import io.kizuna.bench.platform.PlatformClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Marker touchpoints: sent through the intake like any other, then looked for in the customer's timeline through
 * GraphQL, so the time from acknowledged to visible can be measured. Each marker customer is one aggregate, so a
 * marker that is visible proves that its part of the projection (the processor segment of that customer) has caught
 * up with everything stored before it; several markers on several customers cover every segment.
 */
public final class Markers {

    private static final String TIMELINE =
            "query($type: String!, $value: String!) { customerByIdentifier(type: $type, value: $value) {"
                    + " timeline(first: 1) { edges { node { messageId } } } } }";

    private final PlatformClient client;
    private final String prefix;

    /** @param prefix a run-unique prefix of the markers' userIds and messageIds */
    public Markers(PlatformClient client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    /** The userId of marker customer {@code k}. */
    public String userId(int k) {
        return prefix + "-marker-" + k;
    }

    /** Sends marker {@code messageId} for customers {@code customers} in one batch: returns when acknowledged. */
    public long send(List<Integer> customers, String messageId) throws InterruptedException {
        StringBuilder body = new StringBuilder("{\"batch\":[");
        String now = Instant.now().toString();
        for (int i = 0; i < customers.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"type\":\"track\",\"event\":\"Bench Marker\",\"messageId\":\"")
                    .append(messageId)
                    .append('-')
                    .append(customers.get(i))
                    .append("\",\"userId\":\"")
                    .append(userId(customers.get(i)))
                    .append("\",\"timestamp\":\"")
                    .append(now)
                    .append("\",\"context\":{\"channel\":\"server\"}}");
        }
        body.append("]}");
        PlatformClient.IntakeAnswer answer = client.sendBatch(body.toString().getBytes(StandardCharsets.UTF_8));
        if (!answer.accepted()) {
            throw new BenchException("the intake refused a marker: HTTP " + answer.status() + " " + answer.body());
        }
        return System.nanoTime();
    }

    /** Whether customer {@code k}'s newest touchpoint is marker {@code messageId}. */
    public boolean visible(int k, String messageId) {
        JsonNode data = client.dataAllowingNotFound(TIMELINE, Map.of("type", "userId", "value", userId(k)));
        JsonNode edges = data.at("/customerByIdentifier/timeline/edges");
        return edges != null
                && edges.isArray()
                && !edges.isEmpty()
                && edges.get(0).at("/node/messageId").asString().equals(messageId + "-" + k);
    }

    /**
     * Waits until every listed marker customer shows {@code messageId}: the nanoTime it was seen, or -1 after {@code
     * timeoutMillis}.
     */
    public long awaitAll(List<Integer> customers, String messageId, long pollMillis, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        java.util.Set<Integer> pending = new java.util.HashSet<>(customers);
        while (true) {
            pending.removeIf(k -> visible(k, messageId));
            if (pending.isEmpty()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(pollMillis);
        }
    }
}
