package io.kizuna.query.history;

import io.kizuna.api.consent.ConsentGiven;
import io.kizuna.api.consent.ConsentWithdrawn;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.journey.JourneyStageEntered;
import java.time.Instant;
import java.util.Map;

/**
 * One event of a customer's stream as the history reads it: the upcast payload with its place in the store.
 * {@code position} is the global position (-1 where the store does not tell); {@code storedRevision} the payload
 * revision as stored (null where unknown); {@code absorbed} marks events of a customer merged into the one asked
 * about.
 */
record StoredEvent(
        String customerId,
        long sequence,
        long position,
        String eventId,
        Object payload,
        String storedRevision,
        Instant recordedAt,
        Map<String, ?> metaData,
        boolean absorbed) {

    /** The payload's simple class name, e.g. {@code TouchpointRecorded}. */
    String type() {
        return payload.getClass().getSimpleName();
    }

    /**
     * When it happened in the business's world, for events that say so: a touchpoint's {@code occurredAt}, a stage
     * entry's and a consent answer's {@code at}; null for the rest (registration, identifiers, traits, merges), which happen when recorded.
     */
    Instant businessTime() {
        if (payload instanceof TouchpointRecorded touchpoint) {
            return touchpoint.occurredAt();
        }
        if (payload instanceof JourneyStageEntered entered) {
            return entered.at();
        }
        if (payload instanceof ConsentGiven given) {
            return given.at();
        }
        if (payload instanceof ConsentWithdrawn withdrawn) {
            return withdrawn.at();
        }
        return null;
    }

    /** The business time where the event has one, else its recorded time: the time both history filters use. */
    Instant time() {
        Instant business = businessTime();
        return business != null ? business : recordedAt;
    }

    StoredEvent asAbsorbed() {
        return absorbed
                ? this
                : new StoredEvent(
                        customerId, sequence, position, eventId, payload, storedRevision, recordedAt, metaData, true);
    }
}
