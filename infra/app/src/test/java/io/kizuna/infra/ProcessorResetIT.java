package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.core.GetResponse;
import io.kizuna.projection.customer.CustomerViewProjection;
import io.kizuna.projection.customer.ProfileDocument;
import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewIndexNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A reset replays the event store into the views, through the JDBC token store and the Jackson 3 serializer (which
 * must read back its own ReplayToken, STACK.md pitfall 2), and the processor keeps projecting new events after it.
 */
class ProcessorResetIT extends PlatformIT {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ViewIndexNames names;

    private static Map<String, Object> visit(String crm) {
        return Map.of(
                "messageId", UUID.randomUUID().toString(),
                "customer", Map.of("type", "crm", "value", crm),
                "type", "web_visit",
                "channel", "web",
                "occurredAt", Instant.now().minusSeconds(60).toString());
    }

    private JsonNode record(String crm) {
        return graphql()
                .document("recordTouchpoints", "input", List.of(visit(crm)))
                .get("data")
                .get("recordTouchpoints");
    }

    private boolean profileExists(String id) throws IOException {
        GetResponse<ProfileDocument> response =
                elasticsearch.get(g -> g.index(names.alias(ViewIndex.PROFILES)).id(id), ProfileDocument.class);
        return response.found();
    }

    @Test
    void resetRebuildsTheViewsAndNewEventsAreStillProjected() throws IOException {
        String crm = "R-" + UUID.randomUUID();
        record(crm);
        JsonNode second = record(crm);
        String id = second.get("customerIds").get(0).asString();
        graphql()
                .document(
                        "customerByIdentifier",
                        "type",
                        "crm",
                        "value",
                        crm,
                        "token",
                        second.get("consistencyToken").asString());
        elasticsearch.delete(d -> d.index(names.alias(ViewIndex.PROFILES)).id(id));
        assertThat(profileExists(id)).isFalse();

        StreamingEventProcessor processor = processing
                .eventProcessor(CustomerViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> profileExists(id));
        JsonNode third = record(crm);
        JsonNode customer = graphql()
                .document(
                        "customerByIdentifier",
                        "type",
                        "crm",
                        "value",
                        crm,
                        "token",
                        third.get("consistencyToken").asString())
                .get("data")
                .get("customerByIdentifier");
        assertThat(customer.get("touchpointCount").asInt()).isEqualTo(3);
        awaitCaughtUp(processor);
        assertThat(processor.processingStatus().values()).noneMatch(status -> status.isErrorState());
    }
}
