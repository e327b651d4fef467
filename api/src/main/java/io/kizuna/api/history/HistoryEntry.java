package io.kizuna.api.history;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event of a customer's history.
 *
 * <ul>
 *   <li>{@code position}: its global position in the event store (increasing in the order events were stored; -1
 *       where the store does not tell, as with Axon Server's per-customer reads);
 *   <li>{@code sequence}: its number in {@code customerId}'s own stream;
 *   <li>{@code customerId}: whose stream it is in; {@code absorbed} is true when that is a customer merged into the
 *       one asked about;
 *   <li>{@code type}: the payload's simple name ({@code TouchpointRecorded}); {@code revision} the revision it is
 *       read at (after upcasting); {@code storedRevision} the revision it was stored at (null where unknown);
 *   <li>{@code occurredAt}: business time, for the events that have one; {@code recordedAt}: when it was stored;
 *   <li>{@code payload}: the event as JSON, shaped for the caller; {@code causation}: the metadata saying which
 *       request, source or user and which message caused it (see {@link Causation});
 *   <li>{@code hash}: the tamper-evidence hash chaining it to the previous event of its stream ({@link HistoryHash});
 *       empty when the event was stored without one.
 * </ul>
 */
public record HistoryEntry(
        long position,
        long sequence,
        String customerId,
        boolean absorbed,
        String eventId,
        String type,
        String revision,
        String storedRevision,
        Instant occurredAt,
        Instant recordedAt,
        Map<String, Object> payload,
        Map<String, Object> causation,
        String hash) {}
