package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.consistency.ConsistencyToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Clients racing to send the first touchpoints of a new identifier end up with one customer, every touchpoint once. */
class IdentityRaceIT extends PlatformIT {

    @Test
    void racingFirstTouchpointsOfANewIdentifierMakeOneCustomer() throws Exception {
        String email = UUID.randomUUID() + "@example.jp";
        int clients = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<CompletableFuture<JsonNode>> results = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            results.add(CompletableFuture.supplyAsync(
                    () -> {
                        await(start);
                        return graphql()
                                .document(
                                        "recordTouchpoints",
                                        "input",
                                        List.of(Map.of(
                                                "messageId", UUID.randomUUID().toString(),
                                                "customer", Map.of("type", "email", "value", email),
                                                "type", "web_visit",
                                                "channel", "web",
                                                "occurredAt", Instant.now().toString())))
                                .get("data")
                                .get("recordTouchpoints");
                    },
                    pool));
        }
        start.countDown();
        Set<String> customers = new HashSet<>();
        ConsistencyToken token = ConsistencyToken.empty();
        for (CompletableFuture<JsonNode> result : results) {
            JsonNode payload = result.get();
            customers.add(payload.get("customerIds").get(0).asString());
            token = token.and(
                    ConsistencyToken.decode(payload.get("consistencyToken").asString()));
        }
        pool.shutdown();

        assertThat(customers).hasSize(1);
        JsonNode customer = graphql()
                .document(
                        "customerByIdentifier", "type", "email", "value", email.toUpperCase(), "token", token.encode())
                .get("data")
                .get("customerByIdentifier");
        assertThat(customer.get("touchpointCount").asInt()).isEqualTo(clients);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
