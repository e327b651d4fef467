package io.kizuna.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The driver's protocol handling against a stand-in of the platform's public APIs (an in-process HTTP server that
 * links identifiers and deduplicates messageIds as the intake does): credentials (a source created through GraphQL
 * and its write key as HTTP Basic user; an API key as Bearer, falling back to a write key when the intake refuses
 * it), retries after 429, batches, marker polling and the stored count. Not a measurement: the figures of a stand-in
 * mean nothing, and the real measurement runs against the platform (BENCHMARKS.md).
 */
class BenchDriverProtocolTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ALIAS =
            Pattern.compile("(c\\d+): customerByIdentifier\\(type: \"anonymousId\", value: \"([^\"]+)\"\\)");

    private HttpServer server;
    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, String> messages = new HashMap<>(); // messageId -> identifier key
    private final Map<String, String> lastMarker = new ConcurrentHashMap<>();
    private final List<String> graphqlAuthorizations = new ArrayList<>();
    private final AtomicBoolean refusedOnce = new AtomicBoolean();
    private volatile boolean intakeTakesBearer;
    private volatile int throttled;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/graphql", this::graphql);
        server.createContext("/v1/batch", this::batch);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsEverythingWithACreatedSourcesWriteKeyAndCountsItBackExactly() throws IOException {
        Path out = dir.resolve("result.json");
        int status = run(out, List.of());

        assertThat(status).isZero();
        JsonNode result = JSON.readTree(out.toFile());
        assertThat(result.at("/ingestion/auth").asString()).startsWith("write-key (source src-1 created)");
        assertThat(result.at("/ingestion/expected").asLong()).isEqualTo(600);
        assertThat(result.at("/ingestion/stored").asLong()).isEqualTo(600);
        assertThat(result.at("/ingestion/lost").asLong()).isZero();
        assertThat(result.at("/ingestion/doubled").asLong()).isZero();
        assertThat(result.at("/ingestion/intake_retries").asLong()).isPositive(); // the 429 was retried
        assertThat(result.at("/ingestion/acknowledged_per_second").asDouble()).isPositive();
        assertThat(result.at("/projection/catch_up_per_second").asDouble()).isPositive();
        assertThat(result.at("/generator/retries").asLong()).isPositive();
        assertThat(graphqlAuthorizations).allMatch(a -> a == null);
    }

    @Test
    void sendsTheApiKeyAsBearerEverywhereAndFallsBackToAWriteKeyWhereTheIntakeRefusesIt() throws IOException {
        Path out = dir.resolve("result.json");
        int status = run(out, List.of("--api-key", "ak-test"));

        assertThat(status).isZero();
        JsonNode result = JSON.readTree(out.toFile());
        assertThat(graphqlAuthorizations).isNotEmpty().allMatch("Bearer ak-test"::equals);
        assertThat(result.at("/ingestion/auth").asString()).startsWith("write-key");
        assertThat(result.at("/ingestion/lost").asLong()).isZero();
    }

    @Test
    void anIntakeThatTakesTheApiKeyGetsBearer() throws IOException {
        intakeTakesBearer = true;
        Path out = dir.resolve("result.json");
        int status = run(out, List.of("--api-key", "ak-test"));

        assertThat(status).isZero();
        assertThat(JSON.readTree(out.toFile()).at("/ingestion/auth").asString()).isEqualTo("api-key");
    }

    private int run(Path out, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--customers", "50",
                "--touchpoints", "600",
                "--clients", "2",
                "--batch-size", "40",
                "--seed", "3",
                "--url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--skip", "freshness,queries,rebuild,ceiling,resources",
                "--verify-timeout", "20",
                "--out", out.toString()));
        args.addAll(extra);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8);
        int status = new BenchCli(print, print, false).run(args, Map.of());
        System.out.println(text.toString(StandardCharsets.UTF_8));
        return status;
    }

    private void graphql(HttpExchange exchange) throws IOException {
        synchronized (graphqlAuthorizations) {
            graphqlAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        }
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String query = request.get("query").asString();
        Map<String, Object> data = new HashMap<>();
        if (query.contains("createSource")) {
            data.put("createSource", Map.of("source", Map.of("id", "src-1", "name", "bench"), "writeKey", "wk-test"));
        } else if (query.contains("timeline(first: 1)")) {
            String user = request.at("/variables/value").asString();
            String last = lastMarker.get(user);
            data.put(
                    "customerByIdentifier",
                    last == null
                            ? null
                            : Map.of("timeline", Map.of("edges", List.of(Map.of("node", Map.of("messageId", last))))));
        } else {
            Matcher m = ALIAS.matcher(query);
            synchronized (this) {
                Map<String, Integer> counts = new HashMap<>();
                messages.values().forEach(key -> counts.merge(root(key), 1, Integer::sum));
                while (m.find()) {
                    String key = "anonymousId:" + m.group(2);
                    data.put(
                            m.group(1),
                            parent.containsKey(key)
                                    ? Map.of("id", root(key), "touchpointCount", counts.getOrDefault(root(key), 0))
                                    : null);
                }
            }
        }
        answer(exchange, 200, Map.of("data", data));
    }

    private void batch(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        boolean basic = ("Basic " + Base64.getEncoder().encodeToString("wk-test:".getBytes(StandardCharsets.UTF_8)))
                .equals(auth);
        boolean bearer = intakeTakesBearer && "Bearer ak-test".equals(auth);
        if (!basic && !bearer) {
            answer(exchange, 401, Map.of("success", false, "message", "unknown or revoked write key"));
            return;
        }
        if (refusedOnce.compareAndSet(false, true) || throttled++ == 3) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            answer(exchange, 429, Map.of("success", false, "message", "too many requests at once"));
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        synchronized (this) {
            for (JsonNode call : body.get("batch")) {
                List<String> keys = new ArrayList<>();
                if (call.has("userId")) {
                    keys.add("userId:" + call.get("userId").asString());
                }
                if (call.has("anonymousId")) {
                    keys.add("anonymousId:" + call.get("anonymousId").asString());
                }
                keys.forEach(k -> parent.putIfAbsent(k, k));
                for (String k : keys.subList(1, keys.size())) {
                    parent.put(root(k), root(keys.get(0)));
                }
                if (call.get("event") != null && call.get("event").asString().equals("Bench Marker")) {
                    lastMarker.put(
                            call.get("userId").asString(), call.get("messageId").asString());
                } else if (!call.get("type").asString().equals("identify")) {
                    messages.putIfAbsent(call.get("messageId").asString(), keys.get(0));
                }
            }
        }
        answer(exchange, 200, Map.of("success", true));
    }

    private String root(String key) {
        String k = key;
        while (!parent.get(k).equals(k)) {
            k = parent.get(k);
        }
        return k;
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
