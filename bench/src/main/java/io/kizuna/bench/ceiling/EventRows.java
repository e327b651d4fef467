package io.kizuna.bench.ceiling;

import io.kizuna.bench.generate.Catalog;
import io.kizuna.bench.generate.Catalog.Event;
import io.kizuna.bench.generate.Dataset;
import io.kizuna.bench.generate.Message;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows and documents the platform writes for a touchpoint, made from the generated messages without the
 * platform: the {@code TouchpointRecorded} payload and metadata as JSON bytes (as Axon's Jackson serializer stores
 * them, Segment's own fields under {@code properties._segment} included), the timeline document and the profile
 * document. The ceiling measurements write these, so that they move the same bytes as the platform does.
 */
final class EventRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Dataset data;

    EventRows(Dataset data) {
        this.data = data;
    }

    /** Touchpoints of the dataset, in sending order (identifies left out), repeated to reach {@code i}. */
    Message touchpoint(long i) {
        int size = data.online().size();
        for (long k = i; ; k += 7) {
            Message m = data.online().get((int) (k % size));
            if (m.touchpoint()) {
                return m;
            }
        }
    }

    String customerId(Message m) {
        return new UUID(data.seed(), m.customer()).toString();
    }

    Map<String, Object> touchpointRecorded(Message m, Instant recordedAt) {
        Event event = Catalog.event(m.event());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("customerId", customerId(m));
        payload.put("messageId", data.messageId(m));
        payload.put("type", event.type());
        payload.put("channel", event.channel() == null ? "web" : event.channel());
        payload.put("occurredAt", Instant.ofEpochMilli(m.at()).toString());
        payload.put("recordedAt", recordedAt.toString());
        payload.put("campaign", m.campaign() < 0 ? null : Catalog.CAMPAIGNS.get(m.campaign()));
        payload.put("value", value(m));
        Map<String, Object> properties = new LinkedHashMap<>();
        if (event.valued()) {
            properties.put("revenue", amount(m));
            properties.put("currency", m.has(Message.USD) ? "USD" : "JPY");
            properties.put("orderId", "o-" + data.seed() + "-" + m.customer() + "-" + m.sequence());
        }
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("type", m.kind().name().toLowerCase(java.util.Locale.ROOT));
        segment.put("event", event.name());
        segment.put("originalTimestamp", null);
        segment.put("sentAt", null);
        segment.put("receivedAt", recordedAt.toString());
        segment.put("timestamp", Instant.ofEpochMilli(m.at()).toString());
        segment.put("sourceId", "0b6f5a4e-bench-source");
        segment.put(
                "context",
                Map.of(
                        "channel",
                        payload.get("channel"),
                        "library",
                        Map.of("name", "analytics.js", "version", "1.0.0")));
        properties.put("_segment", segment);
        payload.put("properties", properties);
        payload.put("sourceId", "0b6f5a4e-bench-source");
        return payload;
    }

    byte[] payload(Message m, Instant recordedAt) {
        return JSON.writeValueAsBytes(touchpointRecorded(m, recordedAt));
    }

    /** Metadata as the platform stores it: causation (request, source, actor, correlation, trace) and the hash. */
    byte[] metadata(Message m, long i) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("requestId", new UUID(i, data.seed()).toString());
        meta.put("sourceId", "0b6f5a4e-bench-source");
        meta.put("actor", "source:0b6f5a4e-bench-source");
        meta.put("correlationId", new UUID(data.seed(), i).toString());
        meta.put("traceId", new UUID(data.seed(), i).toString());
        meta.put("kizunaHash", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        return JSON.writeValueAsBytes(meta);
    }

    /** The timeline view's document of a touchpoint (the fields of the platform's timeline index). */
    Map<String, Object> timelineDocument(Message m, Instant recordedAt) {
        Event event = Catalog.event(m.event());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("customerId", customerId(m));
        doc.put("sequence", m.sequence());
        doc.put("messageId", data.messageId(m));
        doc.put("type", event.type());
        doc.put("channel", event.channel() == null ? "web" : event.channel());
        doc.put("occurredAt", Instant.ofEpochMilli(m.at()).toString());
        doc.put("recordedAt", recordedAt.toString());
        doc.put("campaign", m.campaign() < 0 ? null : Catalog.CAMPAIGNS.get(m.campaign()));
        doc.put("sourceId", "0b6f5a4e-bench-source");
        Map<String, Object> value = value(m);
        if (value != null) {
            value.put("numeric", amount(m).doubleValue());
        }
        doc.put("value", value);
        doc.put("properties", touchpointRecorded(m, recordedAt).get("properties"));
        return doc;
    }

    /** A profile view document of the touchpoint's customer, as rewritten after it. */
    Map<String, Object> profileDocument(Message m, Instant recordedAt) {
        Event event = Catalog.event(m.event());
        Dataset.Customer c = data.customers().get(m.customer());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", customerId(m));
        doc.put("identifiers", java.util.List.of(Map.of("type", "anonymousId", "value", c.anonymousId())));
        doc.put("traits", c.email() == null ? Map.of() : Map.of("email", c.email(), "plan", c.plan()));
        doc.put("firstSeenAt", Instant.ofEpochMilli(m.at() - 86_400_000L).toString());
        doc.put("lastSeenAt", Instant.ofEpochMilli(m.at()).toString());
        doc.put("touchpointCount", m.sequence() + 1);
        doc.put("lastSequence", m.sequence());
        doc.put("countsByType", java.util.List.of(Map.of("key", event.type(), "count", m.sequence() + 1)));
        doc.put(
                "countsByChannel",
                java.util.List.of(
                        Map.of("key", event.channel() == null ? "web" : event.channel(), "count", m.sequence() + 1)));
        doc.put("updatedAt", recordedAt.toString());
        return doc;
    }

    private Map<String, Object> value(Message m) {
        if (m.amountMinor() == 0) {
            return null;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("amount", amount(m).toPlainString());
        value.put("currency", m.has(Message.USD) ? "USD" : "JPY");
        return value;
    }

    private static BigDecimal amount(Message m) {
        return m.has(Message.USD) ? BigDecimal.valueOf(m.amountMinor(), 2) : BigDecimal.valueOf(m.amountMinor());
    }

    static byte[] json(Object value) {
        return JSON.writeValueAsBytes(value);
    }
}
