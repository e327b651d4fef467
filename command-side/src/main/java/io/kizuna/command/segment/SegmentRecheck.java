package io.kizuna.command.segment;

import java.time.Instant;

/**
 * The payload of a segment recheck deadline: time alone may change the customer's segments at {@code at}. Only the
 * customer's pending recheck counts when it fires; a deadline superseded by an earlier one is void.
 */
public record SegmentRecheck(Instant at) {

    public static final String DEADLINE_NAME = "segment-recheck";
}
