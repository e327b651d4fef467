package io.kizuna.api.segment;

import java.time.Instant;

/** A customer's current membership of a segment, since when. */
public record SegmentMembership(String segmentId, Instant since) {}
