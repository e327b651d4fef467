package io.kizuna.api.customer;

import io.kizuna.api.touchpoint.Money;
import java.time.Instant;
import java.util.Map;

/** One touchpoint as the timeline view shows it; {@code sourceId} is the source that sent it, if known. */
public record TimelineEntry(
        String customerId,
        long sequence,
        String messageId,
        String type,
        String channel,
        Instant occurredAt,
        Instant recordedAt,
        String campaign,
        Money value,
        Map<String, Object> properties,
        String sourceId) {}
