package io.kizuna.cli.importing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kizuna.cli.Json;
import io.kizuna.cli.importing.file.Entry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How the import speaks the intake's protocol (statuses, {@code field}, {@code Retry-After}), against a stand-in
 * server that answers as the platform's intake is documented to; the real intake is exercised by ImportCommandIT.
 */
class DeliveryTest {

    private HttpServer server;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    private interface Answerer {
        void answer(HttpExchange exchange, JsonNode batch) throws IOException;
    }

    private URI serve(Answerer answerer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/batch", exchange -> {
            requests.incrementAndGet();
            assertThat(exchange.getRequestHeaders().getFirst("Authorization"))
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString("wk_test:".getBytes()));
            assertThat(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    .isEqualTo("gzip");
            JsonNode body;
            try (GZIPInputStream in = new GZIPInputStream(exchange.getRequestBody())) {
                body = Json.MAPPER.readTree(in.readAllBytes());
            }
            answerer.answer(exchange, body.get("batch"));
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void reply(HttpExchange exchange, int status, String json, String retryAfter) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Delivery delivery(URI url, Duration retryFor) {
        return new Delivery(new IntakeClient(url, "wk_test", retryFor, (problem, wait) -> problems.add(problem)));
    }

    private static List<Entry> messages(int n, int... bad) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            boolean isBad = false;
            for (int b : bad) {
                isBad |= b == i;
            }
            String json = "{\"type\":\"track\",\"messageId\":\"m-" + i + "\",\"userId\":\"u\""
                    + (isBad ? "" : ",\"event\":\"E\"") + "}";
            entries.add(new Entry(i, i, i * 10L, json, json.getBytes(StandardCharsets.UTF_8), null));
        }
        return entries;
    }

    @Test
    void aRefusedMessageIsDroppedWithTheIntakesReasonAndTheRestIsSentAgain() throws Exception {
        URI url = serve((exchange, batch) -> {
            for (int i = 0; i < batch.size(); i++) {
                if (!batch.get(i).has("event")) {
                    reply(
                            exchange,
                            400,
                            "{\"success\":false,\"message\":\"a track call needs its event name (and 1 more)\","
                                    + "\"field\":\"batch[" + i + "].event\"}",
                            null);
                    return;
                }
            }
            reply(exchange, 200, "{\"success\":true}", null);
        });
        Delivery.Outcome outcome = delivery(url, Duration.ofSeconds(5)).deliver(messages(10, 3, 7));
        assertThat(outcome.acknowledged()).isEqualTo(8);
        assertThat(outcome.requests()).isEqualTo(3);
        assertThat(outcome.refused()).extracting(r -> r.entry().firstLine()).containsExactly(3L, 7L);
        assertThat(outcome.refused().get(0).reason()).isEqualTo("event: a track call needs its event name");
    }

    @Test
    void aRefusalThatNamesNoMessageIsNarrowedDownByHalving() throws Exception {
        URI url = serve((exchange, batch) -> {
            for (JsonNode message : batch) {
                if (message.get("messageId").asString().equals("m-6")) {
                    reply(exchange, 400, "{\"success\":false,\"message\":\"the request body is too large\"}", null);
                    return;
                }
            }
            reply(exchange, 200, "{\"success\":true}", null);
        });
        Delivery.Outcome outcome = delivery(url, Duration.ofSeconds(5)).deliver(messages(8));
        assertThat(outcome.acknowledged()).isEqualTo(7);
        assertThat(outcome.refused()).singleElement().satisfies(r -> {
            assertThat(r.entry().firstLine()).isEqualTo(6);
            assertThat(r.reason()).isEqualTo("the request body is too large");
        });
    }

    @Test
    void overloadAndFailuresAreRetriedAsRetryAfterSays() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        URI url = serve((exchange, batch) -> {
            switch (calls.incrementAndGet()) {
                case 1 -> reply(exchange, 429, "{\"success\":false,\"message\":\"too many requests\"}", "0");
                case 2 -> reply(exchange, 500, "{\"success\":false,\"message\":\"internal error; ref 1\"}", null);
                default -> reply(exchange, 200, "{\"success\":true}", null);
            }
        });
        Delivery.Outcome outcome = delivery(url, Duration.ofSeconds(20)).deliver(messages(3));
        assertThat(outcome.acknowledged()).isEqualTo(3);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("HTTP 429").contains("too many requests");
        assertThat(problems.get(1)).contains("HTTP 500");
    }

    @Test
    void anIntakeThatStaysUnavailableIsGivenUpOnAfterTheGivenTime() throws Exception {
        URI url =
                serve((exchange, batch) -> reply(exchange, 503, "{\"success\":false,\"message\":\"starting\"}", null));
        long started = System.nanoTime();
        assertThatThrownBy(() -> delivery(url, Duration.ofMillis(1500)).deliver(messages(2)))
                .isInstanceOf(IntakeException.class)
                .hasMessageContaining("gave up after trying for 1.5 s")
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("run the same command again");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(requests.get()).isGreaterThan(1);
    }

    @Test
    void nothingAnsweringIsRetriedThenGivenUpOn() throws Exception {
        URI url = serve((exchange, batch) -> reply(exchange, 200, "{\"success\":true}", null));
        server.stop(0);
        server = null;
        assertThatThrownBy(() -> delivery(url, Duration.ofSeconds(1)).deliver(messages(1)))
                .isInstanceOf(IntakeException.class)
                .hasMessageContaining("cannot connect to " + url + "/v1/batch");
    }

    @Test
    void anUnknownWriteKeyStopsAtOnce() throws Exception {
        URI url = serve((exchange, batch) ->
                reply(exchange, 401, "{\"success\":false,\"message\":\"unknown or revoked write key\"}", null));
        assertThatThrownBy(() -> delivery(url, Duration.ofMinutes(1)).deliver(messages(2)))
                .isInstanceOf(IntakeException.class)
                .hasMessageContaining("the write key is unknown or revoked (HTTP 401");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        assertThat(IntakeClient.parseRetryAfter("3")).contains(Duration.ofSeconds(3));
        assertThat(IntakeClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
                .contains(Duration.ZERO);
        assertThat(IntakeClient.parseRetryAfter("soon")).isEmpty();
    }
}
