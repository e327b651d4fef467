package io.kizuna.api.customer;

import io.kizuna.api.touchpoint.Money;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A touchpoint became part of the customer's journey. {@code occurredAt} is business time, {@code recordedAt}
 * when the platform stored it.
 */
@Revision("1")
public record TouchpointRecorded(
        String customerId,
        String messageId,
        String type,
        String channel,
        Instant occurredAt,
        Instant recordedAt,
        String campaign,
        Money value,
        Map<String, Object> properties) {

    public TouchpointRecorded {
        properties = properties == null ? Map.of() : properties;
    }
}
