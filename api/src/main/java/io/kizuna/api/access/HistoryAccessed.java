package io.kizuna.api.access;

import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * Someone read customer history: who ({@code actor}), when ({@code at}), which operation (the GraphQL field, e.g.
 * {@code customerHistory}), of which customer (null when the operation names none), with which non-personal
 * arguments (values are strings or lists of strings), and whether the read succeeded. Stored like every other event,
 * so the access log is as append-only as the histories it watches.
 */
@Revision("1")
public record HistoryAccessed(
        String accessId,
        String actor,
        String operation,
        String customerId,
        Map<String, Object> arguments,
        String outcome,
        Instant at) {

    /** The read answered. */
    public static final String OK = "ok";

    /** The read failed (refused input, an unknown customer, an internal failure); it is recorded all the same. */
    public static final String ERROR = "error";
}
