package io.kizuna.api.customer;

/**
 * The answer to {@link RecordTouchpoints}: how many touchpoints were stored, how many were duplicates of
 * messageIds the customer already had, and the customer's last event sequence number afterwards (what a
 * consistency token waits for).
 */
public record TouchpointsRecorded(String customerId, int accepted, int duplicates, long lastSequence) {}
