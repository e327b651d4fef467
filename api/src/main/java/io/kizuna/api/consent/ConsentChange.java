package io.kizuna.api.consent;

import java.time.Instant;

/**
 * One consent answer to record: give ({@code granted}) or withdraw consent for {@code purpose} on {@code channel}
 * (null: every channel), as of {@code at}. {@code messageId} is the integrator's message that carried it (null for a
 * person's change through GraphQL): a message is applied at most once, so a retried old message cannot undo a newer
 * answer.
 */
public record ConsentChange(String purpose, String channel, boolean granted, Instant at, String messageId) {

    public Consent consent() {
        return new Consent(purpose, channel, granted, at);
    }
}
