package io.kizuna.api.consent;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The customer withdrew (or refused) consent for {@code purpose} on {@code channel} (null: every channel, replacing any
 * answer for a single channel) at {@code at}. Recorded also when no consent had been given: an explicit refusal is
 * worth keeping. {@code sourceId} and {@code messageId} as in {@link ConsentGiven}.
 */
@Revision("1")
public record ConsentWithdrawn(
        String customerId, String purpose, String channel, Instant at, String sourceId, String messageId) {

    public Consent consent() {
        return new Consent(purpose, channel, false, at);
    }
}
