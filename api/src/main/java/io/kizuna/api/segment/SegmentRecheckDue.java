package io.kizuna.api.segment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Time alone may have changed the customer's segments: evaluate them again as of {@code at}. */
@Revision("1")
public record SegmentRecheckDue(String customerId, Instant at) {}
