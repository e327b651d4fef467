package io.kizuna.bench.jmh;

import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.touchpoint.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Storing and loading a {@code TouchpointRecorded} with Axon's Jackson 3 serializer, configured as the platform does
 * (the type validator that allows Axon's own types): the payload bytes of every stored touchpoint, and what an
 * aggregate load or a view rebuild reads back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventSerializationBenchmark {

    private Jackson3Serializer serializer;
    private TouchpointRecorded event;
    private SerializedObject<byte[]> serialized;

    @Setup
    public void setUp() {
        serializer = Jackson3Serializer.builder()
                .jsonMapperBuilderCustomizer(
                        builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                                .allowIfSubType("org.axonframework.")
                                .build()))
                .build();
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("type", "track");
        segment.put("event", "Order Completed");
        segment.put("receivedAt", "2026-11-01T10:00:00.123Z");
        segment.put("timestamp", "2026-11-01T09:59:58Z");
        segment.put("sourceId", "2f0c0a5e-5b7e-4d1c-9d55-0d8a3c1f4a10");
        segment.put(
                "context", Map.of("channel", "web", "library", Map.of("name", "analytics.js", "version", "2.11.1")));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("orderId", "o-1001");
        properties.put("revenue", new BigDecimal("3980"));
        properties.put("currency", "JPY");
        properties.put("sku", "TEA-01");
        properties.put("_segment", segment);
        event = new TouchpointRecorded(
                "6d1f4c2a-8b1e-4f0a-9a77-2c5e9b1d0f33",
                "m-1001",
                "order_completed",
                "web",
                Instant.parse("2026-11-01T09:59:58Z"),
                Instant.parse("2026-11-01T10:00:00.123Z"),
                "spring_sale",
                new Money(new BigDecimal("3980"), "JPY"),
                properties,
                "2f0c0a5e-5b7e-4d1c-9d55-0d8a3c1f4a10");
        serialized = serializer.serialize(event, byte[].class);
    }

    @Benchmark
    public SerializedObject<byte[]> serialize() {
        return serializer.serialize(event, byte[].class);
    }

    @Benchmark
    public Object deserialize() {
        return serializer.deserialize(serialized);
    }
}
