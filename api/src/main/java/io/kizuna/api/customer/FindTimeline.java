package io.kizuna.api.customer;

import io.kizuna.api.consistency.ConsistencyToken;
import java.time.Instant;
import java.util.List;

/**
 * What touchpoints did this customer have, newest first by business time? Optional filters by type, channel and
 * a business-time range ({@code from} inclusive, {@code to} exclusive). Answers with a {@link TimelinePage}.
 */
public record FindTimeline(
        String customerId,
        int first,
        String after,
        List<String> types,
        List<String> channels,
        Instant from,
        Instant to,
        ConsistencyToken consistencyToken) {}
