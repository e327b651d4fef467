package io.kizuna.infra.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.touchpoint.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** Revision-1 touchpoints, as stored, are read as revision 2 through the platform's upcaster chain. */
class TouchpointRecordedUpcasterTest {

    private static final String TYPE = TouchpointRecorded.class.getName();

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();
    private final EventUpcaster chain = new EventUpcasters().eventUpcasterChain();

    /** A TouchpointRecorded as revision 1 stored it: no sourceId field. */
    private static String revision1(String properties) {
        return """
                {"customerId":"c-1","messageId":"m-1","type":"purchase","channel":"store",\
                "occurredAt":"2026-11-20T01:00:00Z","recordedAt":"2026-11-20T01:00:05Z","campaign":"autumn",\
                "value":{"amount":3980,"currency":"JPY"},"properties":%s}"""
                .formatted(properties);
    }

    private IntermediateEventRepresentation stored(String type, String revision, String payload) {
        return new InitialEventRepresentation(
                new GenericDomainEventEntry<>(
                        "Customer",
                        "c-1",
                        3,
                        "e-1",
                        "2026-11-20T01:00:05Z",
                        type,
                        revision,
                        payload.getBytes(StandardCharsets.UTF_8),
                        "{}".getBytes(StandardCharsets.UTF_8)),
                serializer);
    }

    private IntermediateEventRepresentation upcast(IntermediateEventRepresentation event) {
        List<IntermediateEventRepresentation> result =
                chain.upcast(Stream.of(event)).toList();
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    private Object read(IntermediateEventRepresentation event) {
        SerializedObject<byte[]> data = event.getData(byte[].class);
        return serializer.deserialize(data);
    }

    private TouchpointRecorded touchpoint(IntermediateEventRepresentation event) {
        return (TouchpointRecorded) read(event);
    }

    @Test
    void revision1WithASegmentSourceIsReadAsRevision2WithThatSource() {
        IntermediateEventRepresentation upcast = upcast(stored(
                TYPE, "1", revision1("{\"sku\":\"TEA-01\",\"_segment\":{\"type\":\"track\",\"sourceId\":\"src-1\"}}")));

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        TouchpointRecorded event = touchpoint(upcast);
        assertThat(event.sourceId()).isEqualTo("src-1");
        assertThat(event.properties())
                .isEqualTo(Map.of("sku", "TEA-01", "_segment", Map.of("type", "track", "sourceId", "src-1")));
        assertThat(event.value()).isEqualTo(new Money(new BigDecimal("3980"), "JPY"));
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-20T01:00:00Z"));
        assertThat(event.messageId()).isEqualTo("m-1");
    }

    @Test
    void revision1WithoutASegmentSourceIsReadAsRevision2WithoutSource() {
        IntermediateEventRepresentation upcast = upcast(stored(TYPE, "1", revision1("{\"sku\":\"TEA-01\"}")));

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        TouchpointRecorded event = touchpoint(upcast);
        assertThat(event.sourceId()).isNull();
        assertThat(event.properties()).isEqualTo(Map.of("sku", "TEA-01"));
    }

    @Test
    void aSegmentSourceThatIsNotTextIsNotLifted() {
        TouchpointRecorded event = touchpoint(upcast(stored(TYPE, "1", revision1("{\"_segment\":{\"sourceId\":42}}"))));

        assertThat(event.sourceId()).isNull();
        assertThat(event.properties()).isEqualTo(Map.of("_segment", Map.of("sourceId", 42)));
    }

    @Test
    void anUnrevisionedTouchpointIsUpcastLikeRevision1() {
        IntermediateEventRepresentation upcast =
                upcast(stored(TYPE, null, revision1("{\"_segment\":{\"sourceId\":\"src-0\"}}")));

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(touchpoint(upcast).sourceId()).isEqualTo("src-0");
    }

    @Test
    void revision2IsLeftAsStored() {
        String revision2 = revision1("{\"_segment\":{\"sourceId\":\"src-in-properties\"}}")
                .replaceFirst("}$", ",\"sourceId\":\"src-2\"}");

        IntermediateEventRepresentation read = upcast(stored(TYPE, "2", revision2));

        assertThat(read.getType().getRevision()).isEqualTo("2");
        assertThat(touchpoint(read).sourceId()).isEqualTo("src-2");
    }

    @Test
    void otherEventsAreLeftAsStored() {
        String registered = "{\"customerId\":\"c-1\",\"identifier\":null,\"registeredAt\":\"2026-11-20T01:00:00Z\"}";

        IntermediateEventRepresentation read = upcast(stored(CustomerRegistered.class.getName(), "1", registered));

        assertThat(read.getType().getRevision()).isEqualTo("1");
        assertThat(read(read)).isInstanceOf(CustomerRegistered.class);
    }
}
