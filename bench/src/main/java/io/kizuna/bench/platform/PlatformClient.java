package io.kizuna.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's public APIs as the bench uses them: GraphQL ({@code POST /graphql}) and the Segment-compatible
 * intake ({@code POST /v1/batch}). With an API key every request carries {@code Authorization: Bearer <key>};
 * without one the intake is authenticated the way Segment libraries do it, with a source's write key as the HTTP
 * Basic user name ({@link #useWriteKey}).
 */
public final class PlatformClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http;
    private final URI base;
    private final URI graphql;
    private final URI batch;
    private final String apiKey;
    private final boolean gzip;
    private volatile String intakeAuthorization;
    private volatile Duration retryFor = TIMEOUT;
    private final AtomicLong intakeRetries = new AtomicLong();

    /** What the platform answered a GraphQL request, and how long it took (request sent to body read). */
    public record GraphQlAnswer(JsonNode data, JsonNode errors, JsonNode extensions, long nanos) {

        public boolean ok() {
            return errors == null || errors.isNull() || errors.isEmpty();
        }
    }

    public PlatformClient(URI base, String apiKey, boolean gzip) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        String root = base.toString().replaceAll("/+$", "");
        this.base = URI.create(root);
        this.graphql = URI.create(root + "/graphql");
        this.batch = URI.create(root + "/v1/batch");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.gzip = gzip;
        this.intakeAuthorization = this.apiKey == null ? null : "Bearer " + this.apiKey;
    }

    public URI base() {
        return base;
    }

    public boolean hasApiKey() {
        return apiKey != null;
    }

    /** Authenticates the intake with a source's write key (HTTP Basic, key as user name), as Segment does. */
    public void useWriteKey(String writeKey) {
        this.intakeAuthorization =
                "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** How long a failing intake request (429, 5xx) is tried again before its last answer is returned. */
    public void retryFor(Duration retryFor) {
        this.retryFor = retryFor;
    }

    /** Intake requests that had to be sent again (429, 5xx, a lost connection). */
    public long intakeRetries() {
        return intakeRetries.get();
    }

    /** A GraphQL request; HTTP failures throw, GraphQL errors come back in the answer. */
    public GraphQlAnswer graphql(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (variables != null && !variables.isEmpty()) {
            body.put("variables", variables);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(graphql)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        long started = System.nanoTime();
        HttpResponse<byte[]> response = send(request.build());
        long nanos = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            throw new BenchException("GraphQL answered HTTP " + response.statusCode() + ": "
                    + snippet(new String(response.body(), StandardCharsets.UTF_8))
                    + (response.statusCode() == 401 || response.statusCode() == 403
                            ? " (give an API key with --api-key or KIZUNA_API_KEY)"
                            : ""));
        }
        JsonNode answer = JSON.readTree(response.body());
        return new GraphQlAnswer(answer.get("data"), answer.get("errors"), answer.get("extensions"), nanos);
    }

    /** A GraphQL request that must succeed: its {@code data}. */
    public JsonNode data(String query, Map<String, Object> variables) {
        GraphQlAnswer answer = graphql(query, variables);
        if (!answer.ok()) {
            throw new BenchException("GraphQL error: " + snippet(answer.errors().toString()));
        }
        return answer.data();
    }

    /**
     * A GraphQL request that must succeed except for {@code NOT_FOUND} errors (a customer not known yet): its {@code
     * data}, where those fields are null.
     */
    public JsonNode dataAllowingNotFound(String query, Map<String, Object> variables) {
        GraphQlAnswer answer = graphql(query, variables);
        if (!answer.ok()) {
            for (JsonNode error : answer.errors()) {
                if (!"NOT_FOUND".equals(error.at("/extensions/code").asString(""))) {
                    throw new BenchException(
                            "GraphQL error: " + snippet(answer.errors().toString()));
                }
            }
        }
        return answer.data() == null ? JSON.createObjectNode() : answer.data();
    }

    /** What the intake answered a batch. */
    public record IntakeAnswer(int status, String body) {
        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends one {@code /v1/batch} body until the intake accepts or refuses it: 429 (after its Retry-After), 5xx and
     * lost connections are tried again (the intake deduplicates by messageId, so that is safe) for {@link #retryFor}
     * (default two minutes); then the last answer is returned (a 5xx), or, when the platform could not be reached at
     * all, the bench stops.
     */
    public IntakeAnswer sendBatch(byte[] body) throws InterruptedException {
        if (intakeAuthorization == null) {
            throw new IllegalStateException("no intake credentials: an API key or a source's write key");
        }
        byte[] payload = gzip ? gzip(body) : body;
        HttpRequest.Builder builder = HttpRequest.newBuilder(batch)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", intakeAuthorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (gzip) {
            builder.header("Content-Encoding", "gzip");
        }
        HttpRequest request = builder.build();
        long deadline = System.nanoTime() + retryFor.toNanos();
        long backoffMs = 200;
        IntakeAnswer last = null;
        while (true) {
            long waitMs;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                last = new IntakeAnswer(status, new String(response.body(), StandardCharsets.UTF_8));
                if (status != 429 && status < 500) {
                    return last;
                }
                waitMs = response.headers()
                        .firstValue("Retry-After")
                        .map(v -> parseSeconds(v) * 1000)
                        .orElse(backoffMs);
            } catch (IOException e) {
                waitMs = backoffMs;
            }
            if (System.nanoTime() > deadline) {
                if (last != null) {
                    return last;
                }
                throw new BenchException("the intake at " + batch + " could not be reached for " + retryFor.toSeconds()
                        + " s: is the platform running?");
            }
            intakeRetries.incrementAndGet();
            backoffMs = Math.min(backoffMs * 2, 5_000);
            Thread.sleep(Math.max(10, waitMs));
        }
    }

    /** {@code GET} of a platform path (e.g. {@code /actuator/health}) as JSON, or null when it cannot be read. */
    public JsonNode getJson(String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() / 100 == 2 || response.statusCode() == 503
                    ? JSON.readTree(response.body())
                    : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The event store's head position from {@code /actuator/health} ({@code components.eventStore.details}), or -1. */
    public long headPosition() {
        JsonNode health = getJson("/actuator/health");
        JsonNode position = health == null ? null : health.at("/components/eventStore/details/headPosition");
        return position != null && position.isNumber() ? position.asLong() : -1;
    }

    /** A graphql variables map. */
    public static Map<String, Object> vars(Object... keysAndValues) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            vars.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return vars;
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new BenchException("cannot reach the platform at " + base + " (" + e + "): is it running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    private static long parseSeconds(String v) {
        try {
            return Math.max(0, Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static String snippet(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private static byte[] gzip(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
