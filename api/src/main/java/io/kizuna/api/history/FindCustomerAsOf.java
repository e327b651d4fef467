package io.kizuna.api.history;

import java.time.Instant;

/**
 * What did this customer look like at a point in time? Rebuilt from the event store with the fold that builds the
 * live profile view, from the events that pass both filters (either may be null: no limit on that axis):
 *
 * <ul>
 *   <li>{@code knownAt}: events recorded at or before it — the customer as the platform knew it then;
 *   <li>{@code occurredBy}: events whose business time is at or before it — the customer as it had happened by then.
 *       Events without a business time of their own (registration, identifiers, traits, merges) count at their
 *       recorded time.
 * </ul>
 *
 * Answers with a {@link CustomerSnapshot}, or null when none of the customer's events passes (it did not exist
 * yet); throws {@link io.kizuna.api.validation.NotFoundException} for an unknown customer.
 */
public record FindCustomerAsOf(String customerId, Instant knownAt, Instant occurredBy) {}
