package io.kizuna.api.segment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the customer to call for a new evaluation of its segments at {@code at}, when a time-relative rule (a window,
 * a recency) would change its answer even if nothing happens. The customer keeps only the earliest pending recheck.
 */
public record ScheduleSegmentRecheck(@TargetAggregateIdentifier String customerId, Instant at) {}
