package io.kizuna.api.segment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The customer became a member of segment {@code segmentId} (at {@code segmentVersion}) at {@code at}. */
@Revision("1")
public record CustomerEnteredSegment(
        String customerId,
        String segmentId,
        int segmentVersion,
        Instant at,
        String causeKind,
        String causeMessageId,
        Long causePosition) {}
