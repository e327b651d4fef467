package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.KizunaApplication;
import io.kizuna.infra.elasticsearch.TestElasticsearch;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Rate limits, end to end, on an application of its own with a tiny budget (3 requests, then one every 10 s): each
 * API key on GraphQL and on the intake, and each source's write key, gets 429 with Retry-After once its bucket is
 * empty, without spending another key's budget.
 */
class RateLimitIT {

    private static final String PREFIX =
            "it-rate-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(KizunaApplication.class)
                .run(
                        "--server.port=0",
                        "--kizuna.data-dir=" + dataDir,
                        "--kizuna.elasticsearch.managed=false",
                        "--kizuna.elasticsearch.url=" + TestElasticsearch.url(),
                        "--kizuna.elasticsearch.index-prefix=" + PREFIX,
                        "--kizuna.security.rate-limit.requests-per-second=0.1",
                        "--kizuna.security.rate-limit.burst=3");
    }

    @Test
    void eachKeyGets429WithRetryAfterOnceItsBucketIsEmpty() throws Exception {
        try (ConfigurableApplicationContext app = start(Files.createTempDirectory("kizuna-rate-"))) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            GraphQlClient admin = new GraphQlClient(port);
            SegmentHttp intake = new SegmentHttp(port);

            // the admin key's three requests: two keys' worth of set-up and one source
            String integrator = admin.createKey("pos", "INTEGRATOR");
            String other = admin.createKey("crm", "INTEGRATOR");
            JsonNode source = admin.query("mutation { createSource(name: \"web\") { writeKey } }", Map.of());
            String writeKey = source.at("/data/createSource/writeKey").asString();
            HttpResponse<String> limited =
                    admin.post(GraphQlClient.JSON.writeValueAsString(Map.of("query", "{ apiKeys { id } }")));

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(Long.parseLong(
                            limited.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1L, 10L);
            assertThat(limited.body()).contains("RATE_LIMITED");

            for (int i = 0; i < 3; i++) {
                assertThat(track(intake, "Bearer " + integrator).status()).isEqualTo(200);
                assertThat(track(intake, SegmentHttp.basic(writeKey)).status()).isEqualTo(200);
            }
            SegmentHttp.Answer overApiKey = track(intake, "Bearer " + integrator);
            SegmentHttp.Answer overWriteKey = track(intake, SegmentHttp.basic(writeKey));
            assertThat(overApiKey.status()).isEqualTo(429);
            assertThat(Long.parseLong(overApiKey.retryAfter())).isBetween(1L, 10L);
            assertThat(overWriteKey.status()).isEqualTo(429);
            assertThat(overWriteKey.retryAfter()).isNotNull();
            assertThat(track(intake, "Bearer " + other).status())
                    .as("another key's budget is its own")
                    .isEqualTo(200);
        }
    }

    private static SegmentHttp.Answer track(SegmentHttp intake, String authorization) {
        String id = UUID.randomUUID().toString();
        String body = "{\"messageId\":\"" + id + "\",\"userId\":\"u-" + id + "\",\"event\":\"Page Viewed\"}";
        return intake.post("/v1/track", body.getBytes(StandardCharsets.UTF_8), authorization, false);
    }
}
