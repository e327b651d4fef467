package io.kizuna.api.customer;

/**
 * The answer to {@link UpdateTraits}: whether any trait changed, whether the message was a duplicate of one
 * already applied, and the customer's last sequence number.
 */
public record TraitsUpdateResult(String customerId, boolean changed, boolean duplicate, long lastSequence) {}
