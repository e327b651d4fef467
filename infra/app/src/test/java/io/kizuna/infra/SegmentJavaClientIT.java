package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.MessageBuilder;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Segment's official Java library (com.segment.analytics.java:analytics 3.5.4), unmodified, sending to Kizuna. */
class SegmentJavaClientIT extends PlatformIT {

    @Autowired
    DataSource dataSource;

    /** What the library reports for each message it sent (it posts batches to {@code /v1/import/}). */
    private static final class Outcomes implements Callback {
        final List<Message> succeeded = new CopyOnWriteArrayList<>();
        final List<Throwable> failed = new CopyOnWriteArrayList<>();

        @Override
        public void success(Message message) {
            succeeded.add(message);
        }

        @Override
        public void failure(Message message, Throwable cause) {
            failed.add(cause);
        }
    }

    private long storedEvents() {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private JsonNode customerEventually(String type, String value, Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> graphql()
                                .document("customerByIdentifier", "type", type, "value", value, "token", null)
                                .get("data")
                                .get("customerByIdentifier"),
                        customer -> customer != null && !customer.isNull() && ready.test(customer));
    }

    /** Sends the messages through a fresh client, flushes, and waits until the library reports each one. */
    private Outcomes send(String writeKey, List<MessageBuilder<?, ?>> messages) {
        Outcomes outcomes = new Outcomes();
        Analytics analytics = Analytics.builder(writeKey)
                .endpoint("http://127.0.0.1:" + port)
                .callback(outcomes)
                .retries(1)
                .build();
        try {
            messages.forEach(analytics::enqueue);
            analytics.flush();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> outcomes.succeeded.size() + outcomes.failed.size() == messages.size());
        } finally {
            analytics.shutdown();
        }
        return outcomes;
    }

    private static List<MessageBuilder<?, ?>> journey(String run, String userId, String anonymousId) {
        List<MessageBuilder<?, ?>> messages = new ArrayList<>();
        messages.add(IdentifyMessage.builder()
                .messageId(run + "-identify")
                .userId(userId)
                .traits(Map.of("name", "Taro Suzuki", "email", userId + "@example.jp")));
        messages.add(TrackMessage.builder("Order Completed")
                .messageId(run + "-track")
                .userId(userId)
                .properties(Map.of("orderId", "o-42", "revenue", 120.5, "currency", "EUR")));
        messages.add(PageMessage.builder("Pricing")
                .messageId(run + "-page")
                .userId(userId)
                .properties(Map.of("url", "https://kizuna.example/pricing")));
        messages.add(ScreenMessage.builder("Home").messageId(run + "-screen").userId(userId));
        messages.add(GroupMessage.builder("acme-" + run)
                .messageId(run + "-group")
                .userId(userId)
                .traits(Map.of("name", "ACME", "plan", "enterprise")));
        messages.add(AliasMessage.builder(anonymousId).messageId(run + "-alias").userId(userId));
        return messages;
    }

    @Test
    void theOfficialJavaLibraryWorksUnmodifiedAndAResentBatchAddsNothing() {
        String writeKey = graphql()
                .document("createSource", "name", "backend")
                .get("data")
                .get("createSource")
                .get("writeKey")
                .asString();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String userId = "java-user-" + run;
        String anonymousId = "java-anon-" + run;

        Outcomes first = send(writeKey, journey(run, userId, anonymousId));
        assertThat(first.failed).isEmpty();
        assertThat(first.succeeded).hasSize(6);

        JsonNode customer = customerEventually(
                "userId",
                userId,
                c -> c.get("touchpointCount").asInt() == 4
                        && c.get("traits").has("name")
                        && c.get("identifiers").findValuesAsString("value").contains(anonymousId));
        assertThat(customer.get("traits").get("name").asString()).isEqualTo("Taro Suzuki");
        assertThat(customer.get("identifiers").findValuesAsString("value"))
                .contains(userId, anonymousId, userId + "@example.jp");
        List<String> types = customer.get("countsByType").findValuesAsString("key");
        assertThat(types).containsExactlyInAnyOrder("order_completed", "web_visit", "app_screen_view", "group_joined");
        assertThat(customer.get("countsByChannel").findValuesAsString("key"))
                .containsExactlyInAnyOrder("server", "web", "mobile_app");
        assertThat(customer.get("lifetimeValue").get(0).get("amount").decimalValue())
                .isEqualByComparingTo("120.5");
        assertThat(customer.get("lifetimeValue").get(0).get("currency").asString())
                .isEqualTo("EUR");
        assertThat(customerEventually("anonymousId", anonymousId, c -> true)
                        .get("id")
                        .asString())
                .isEqualTo(customer.get("id").asString());

        long stored = storedEvents();
        Outcomes again = send(writeKey, journey(run, userId, anonymousId));
        assertThat(again.failed).isEmpty();
        assertThat(again.succeeded).hasSize(6);
        assertThat(storedEvents()).as("the same messageIds store nothing new").isEqualTo(stored);
        assertThat(customerEventually("userId", userId, c -> true)
                        .get("touchpointCount")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void aRevokedKeyIsReportedAsAFailureByTheLibrary() {
        JsonNode created = graphql()
                .document("createSource", "name", "revoked-backend")
                .get("data")
                .get("createSource");
        graphql().document("revokeSource", "id", created.get("source").get("id").asString());

        Outcomes outcomes = send(
                created.get("writeKey").asString(),
                List.of(TrackMessage.builder("Clicked").userId("java-user-" + UUID.randomUUID())));
        assertThat(outcomes.succeeded).isEmpty();
        assertThat(outcomes.failed).hasSize(1);
    }
}
