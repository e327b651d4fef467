package io.kizuna.api.consent;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The customer gave consent for {@code purpose} on {@code channel} (null: every channel, replacing any answer for a
 * single channel) at {@code at}. {@code sourceId} and {@code messageId} say where it came from (null for GraphQL);
 * the messageId is remembered so that a resent message is recognised.
 */
@Revision("1")
public record ConsentGiven(
        String customerId, String purpose, String channel, Instant at, String sourceId, String messageId) {

    public Consent consent() {
        return new Consent(purpose, channel, true, at);
    }
}
