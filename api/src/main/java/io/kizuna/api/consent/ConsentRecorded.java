package io.kizuna.api.consent;

/**
 * The answer to {@link RecordConsent}: how many changes were recorded as events (the rest changed nothing), and the
 * customer's last event sequence number afterwards (what a consistency token waits for).
 */
public record ConsentRecorded(String customerId, int recorded, long lastSequence) {}
