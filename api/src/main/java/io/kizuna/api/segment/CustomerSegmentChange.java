package io.kizuna.api.segment;

import java.time.Instant;

/** An entry into or exit from a segment, as subscribers and histories see it. {@code entered} false: an exit. */
public record CustomerSegmentChange(
        String customerId,
        String segmentId,
        int segmentVersion,
        boolean entered,
        Instant at,
        String causeKind,
        String causeMessageId) {}
