package io.kizuna.api.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who and what caused a write, carried as metadata on every command the intake sends and copied by Axon onto the
 * events those commands apply: {@code requestId} (one per HTTP request or GraphQL operation), {@code sourceId} (the
 * write key's source, when known) and {@code actor} (who: {@code source:<sourceId>} for the HTTP intake,
 * {@code graphql:anonymous} for GraphQL until API keys exist). Axon adds {@code correlationId} and {@code traceId}
 * (the message that started the chain). Never personal data: ids and platform-made names only.
 */
public record Causation(String requestId, String sourceId, String actor) {

    public static final String REQUEST_ID = "requestId";
    public static final String SOURCE_ID = "sourceId";
    public static final String ACTOR = "actor";
    /** Added by Axon's {@code MessageOriginProvider}: the first message of the chain, and the one that caused this. */
    public static final String CORRELATION_ID = "correlationId";

    public static final String TRACE_ID = "traceId";

    /** The keys a command copies onto its events (Kizuna's own). */
    public static final List<String> COPIED_KEYS = List.of(REQUEST_ID, SOURCE_ID, ACTOR);

    /** Every metadata key of an event that says what caused it, as the history shows them. */
    public static final List<String> METADATA_KEYS = List.of(REQUEST_ID, SOURCE_ID, ACTOR, CORRELATION_ID, TRACE_ID);

    /** The actor of GraphQL operations until callers are authenticated. */
    public static final String ANONYMOUS_GRAPHQL = "graphql:anonymous";

    /** A GraphQL operation by an unauthenticated caller, with a fresh request id. */
    public static Causation graphql() {
        return new Causation(newRequestId(), null, ANONYMOUS_GRAPHQL);
    }

    /** Messages from a source's write key (null when unknown); a fresh request id when none is given. */
    public static Causation source(String sourceId, String requestId) {
        return new Causation(
                requestId == null || requestId.isBlank() ? newRequestId() : requestId,
                sourceId,
                sourceId == null ? "source:unknown" : "source:" + sourceId);
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** The metadata entries of this causation (absent values left out). */
    public Map<String, Object> metaData() {
        Map<String, Object> metaData = new LinkedHashMap<>();
        if (requestId != null) {
            metaData.put(REQUEST_ID, requestId);
        }
        if (sourceId != null) {
            metaData.put(SOURCE_ID, sourceId);
        }
        if (actor != null) {
            metaData.put(ACTOR, actor);
        }
        return metaData;
    }
}
