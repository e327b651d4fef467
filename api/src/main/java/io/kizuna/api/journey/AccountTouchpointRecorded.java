package io.kizuna.api.journey;

import io.kizuna.api.touchpoint.Money;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A touchpoint of customer {@code customerId} counts for the account's journey. Only what journey rules test is kept
 * ({@code properties}: short scalar properties); the touchpoint itself is in the customer's history.
 */
@Revision("1")
public record AccountTouchpointRecorded(
        String accountId,
        String customerId,
        String messageId,
        String type,
        String channel,
        String campaign,
        Instant occurredAt,
        Money value,
        Map<String, String> properties,
        Instant recordedAt) {

    public AccountTouchpointRecorded {
        properties = properties == null ? Map.of() : properties;
    }
}
