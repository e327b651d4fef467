package io.kizuna.api.segment;

import java.time.Instant;

/** The size of a segment at {@code at}. */
public record SegmentSizePoint(Instant at, long size) {}
