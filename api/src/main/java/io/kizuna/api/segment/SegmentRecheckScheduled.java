package io.kizuna.api.segment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A re-evaluation of the customer's segments is due at {@code at} (time-relative rules may change their answer). */
@Revision("1")
public record SegmentRecheckScheduled(String customerId, Instant at) {}
