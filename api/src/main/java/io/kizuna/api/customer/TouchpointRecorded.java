package io.kizuna.api.customer;

import io.kizuna.api.touchpoint.Money;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A touchpoint became part of the customer's journey. {@code occurredAt} is business time, {@code recordedAt}
 * when the platform stored it. {@code sourceId} is the source (the write key's source of the Segment intake) that
 * sent it, null for GraphQL mutations and unknown sources.
 *
 * <p>Revision 2 added {@code sourceId}; revision-1 events are upcast on reading, with the source lifted from
 * {@code properties._segment.sourceId} where the Segment intake kept it.
 */
@Revision("2")
public record TouchpointRecorded(
        String customerId,
        String messageId,
        String type,
        String channel,
        Instant occurredAt,
        Instant recordedAt,
        String campaign,
        Money value,
        Map<String, Object> properties,
        String sourceId) {

    public TouchpointRecorded {
        properties = properties == null ? Map.of() : properties;
    }

    /** A touchpoint from no known source (as revision 1 had it). */
    public TouchpointRecorded(
            String customerId,
            String messageId,
            String type,
            String channel,
            Instant occurredAt,
            Instant recordedAt,
            String campaign,
            Money value,
            Map<String, Object> properties) {
        this(customerId, messageId, type, channel, occurredAt, recordedAt, campaign, value, properties, null);
    }
}
