package io.kizuna.api.customer;

/** The answer to {@link UpdateTraits}: whether anything changed, and the customer's last sequence number. */
public record TraitsUpdateResult(String customerId, boolean changed, long lastSequence) {}
