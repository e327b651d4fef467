package io.kizuna.api.history;

/**
 * Is the stored history of this customer as it was recorded? Recomputes the hash chain of the customer's own events
 * from the event table; answers with a {@link HistoryVerification}, or throws
 * {@link io.kizuna.api.validation.NotFoundException} when the store holds no customer with this id.
 */
public record VerifyHistory(String customerId) {}
