package io.kizuna.api.access;

import java.time.Instant;
import java.util.Map;

/** One recorded read of customer history, as the access log shows it. */
public record AccessLogEntry(
        String id,
        Instant at,
        String actor,
        String operation,
        String customerId,
        Map<String, Object> arguments,
        String outcome) {}
