package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.history.CustomerSnapshot;
import io.kizuna.api.history.FindCustomerAsOf;
import io.kizuna.api.history.FindCustomerHistory;
import io.kizuna.api.history.HistoryEntry;
import io.kizuna.api.history.HistoryPage;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.command.intake.IntakeMessage;
import io.kizuna.command.intake.IntakeMessage.IdentifierRef;
import io.kizuna.command.intake.TouchpointIntake;
import io.kizuna.projection.customer.CustomerViewProjection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * TouchpointRecorded events stored at revision 1 (written straight into the event table, as an older platform left
 * them) are read as revision 2 everywhere: the aggregate knows their messageIds and appends after them, and the
 * views, live and after a replay, show the source lifted from {@code properties._segment.sourceId}; the history
 * shows them at revision 2 (stored at 1), and time travel counts them.
 */
class UpcastingIT extends PlatformIT {

    private static final String TYPE = TouchpointRecorded.class.getName();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TouchpointIntake intake;

    @Autowired
    DataSource dataSource;

    @Autowired
    @Qualifier("customerCache")
    Cache customerCache;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    QueryGateway queries;

    private static IntakeMessage visit(String userId, String messageId) {
        return new IntakeMessage(
                messageId,
                List.of(new IdentifierRef("userId", userId)),
                new Touchpoint(
                        messageId,
                        "web_visit",
                        "web",
                        Instant.now().minusSeconds(600),
                        null,
                        null,
                        Map.of("path", "/tea")),
                null);
    }

    /** Appends a TouchpointRecorded in revision-1 form (no sourceId field), shaped like {@code template}'s payload. */
    private void storeRevision1(
            JdbcTemplate jdbc,
            Map<String, Object> template,
            long sequence,
            String messageId,
            String revision,
            Map<String, Object> properties) {
        ObjectNode payload = (ObjectNode) JSON.readTree((byte[]) template.get("payload"));
        payload.remove("sourceId");
        payload.put("messageId", messageId);
        payload.set("properties", JSON.valueToTree(properties));
        jdbc.update(
                "INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,"
                        + " payloadType, payloadRevision, payload, metaData) VALUES (?, ?, ?, 'Customer', ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                template.get("aggregateIdentifier"),
                sequence,
                template.get("timeStamp"),
                TYPE,
                revision,
                JSON.writeValueAsBytes(payload),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, JsonNode> timeline(String customerId, String token) {
        JsonNode customer = graphql()
                .document("touchpointSources", "id", customerId, "token", token)
                .get("data")
                .get("customer");
        Map<String, JsonNode> byMessageId = new HashMap<>();
        customer.get("timeline")
                .get("edges")
                .forEach(edge ->
                        byMessageId.put(edge.get("node").get("messageId").asString(), edge.get("node")));
        assertThat(customer.get("touchpointCount").asInt()).isEqualTo(byMessageId.size());
        return byMessageId;
    }

    private static String sourceOf(Map<String, JsonNode> timeline, String messageId) {
        JsonNode source = timeline.get(messageId).get("sourceId");
        return source.isNull() ? null : source.asString();
    }

    @Test
    void revision1TouchpointsAreReadAsRevision2ByTheAggregateAndTheViews() {
        String userId = "upcast-" + UUID.randomUUID();
        String customerId = intake.submit(List.of(visit(userId, "now-1")), "batch", "src-now")
                .customerIds()
                .get(0);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, Object> template = jdbc.queryForMap(
                "SELECT * FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType = ?", customerId, TYPE);
        assertThat(template.get("payloadRevision")).isEqualTo("2");
        long next = jdbc.queryForObject(
                        "SELECT MAX(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                        Long.class,
                        customerId)
                + 1;

        // as the Segment intake stored them before revision 2, as GraphQL did, and from before events had revisions
        storeRevision1(
                jdbc,
                template,
                next,
                "old-segment",
                "1",
                Map.of("path", "/cart", "_segment", Map.of("type", "page", "sourceId", "src-old")));
        storeRevision1(jdbc, template, next + 1, "old-graphql", "1", Map.of("sku", "TEA-01"));
        storeRevision1(
                jdbc,
                template,
                next + 2,
                "older",
                null,
                Map.of("_segment", Map.of("type", "track", "sourceId", "src-0")));
        customerCache.remove(customerId); // the cached aggregate never saw the rows written behind its back

        TouchpointIntake.Outcome resent = intake.submit(
                List.of(visit(userId, "old-segment"), visit(userId, "old-graphql"), visit(userId, "older")),
                "batch",
                "src-now");
        assertThat(resent.accepted())
                .as("the aggregate read the revision-1 events")
                .isZero();
        assertThat(resent.duplicates()).isEqualTo(3);

        TouchpointIntake.Outcome later = intake.submit(List.of(visit(userId, "now-2")), "batch", "src-now");
        assertThat(later.accepted()).isEqualTo(1);
        Map<String, Object> appended = jdbc.queryForMap(
                "SELECT sequenceNumber, payloadRevision FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " AND payloadType = ? ORDER BY sequenceNumber DESC LIMIT 1",
                customerId,
                TYPE);
        assertThat(((Number) appended.get("sequenceNumber")).longValue()).isEqualTo(next + 3);
        assertThat(appended.get("payloadRevision")).isEqualTo("2");

        String token = later.consistencyToken().encode();
        Map<String, JsonNode> live = timeline(customerId, token);
        assertThat(live).containsOnlyKeys("now-1", "old-segment", "old-graphql", "older", "now-2");
        assertThat(sourceOf(live, "old-segment")).isEqualTo("src-old");
        assertThat(sourceOf(live, "old-graphql")).isNull();
        assertThat(sourceOf(live, "older")).isEqualTo("src-0");
        assertThat(sourceOf(live, "now-1")).isEqualTo("src-now");
        assertThat(sourceOf(live, "now-2")).isEqualTo("src-now");
        assertThat(live.get("old-segment")
                        .get("properties")
                        .get("_segment")
                        .get("sourceId")
                        .asString())
                .as("properties stay as stored")
                .isEqualTo("src-old");

        StreamingEventProcessor processor = processing
                .eventProcessor(CustomerViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        rebuildViews(processor);
        Map<String, JsonNode> replayed = timeline(customerId, token);
        assertThat(replayed).containsOnlyKeys(live.keySet());
        assertThat(sourceOf(replayed, "old-segment")).isEqualTo("src-old");
        assertThat(sourceOf(replayed, "old-graphql")).isNull();
        assertThat(sourceOf(replayed, "older")).isEqualTo("src-0");

        Map<String, HistoryEntry> history = queries
                .query(new FindCustomerHistory(customerId, 100, null, null, null, null), HistoryPage.class)
                .join()
                .entries()
                .stream()
                .filter(e -> e.type().equals("TouchpointRecorded"))
                .collect(Collectors.toMap(e -> (String) e.payload().get("messageId"), Function.identity()));
        assertThat(history).containsOnlyKeys(live.keySet());
        assertThat(history.values()).allSatisfy(e -> assertThat(e.revision()).isEqualTo("2"));
        assertThat(history.get("old-segment").storedRevision()).isEqualTo("1");
        assertThat(history.get("older").storedRevision()).isNull();
        assertThat(history.get("now-2").storedRevision()).isEqualTo("2");
        assertThat(history.get("old-segment").payload()).containsEntry("sourceId", "src-old");
        assertThat(history.get("old-graphql").payload()).containsEntry("sourceId", null);
        assertThat(history.get("older").payload()).containsEntry("sourceId", "src-0");

        Instant beforeNow2 = history.get("older").recordedAt();
        assertThat(asOf(customerId, beforeNow2).touchpointCount())
                .as("known before now-2 was recorded: now-1 and the three revision-1 touchpoints")
                .isEqualTo(4);
        assertThat(asOf(customerId, null).touchpointCount()).isEqualTo(5);
    }

    private CustomerSnapshot asOf(String customerId, Instant knownAt) {
        return queries.query(new FindCustomerAsOf(customerId, knownAt, null), CustomerSnapshot.class)
                .join();
    }
}
