package io.kizuna.api.segment;

/** One segment at its latest version. Answered with {@link Segment} or null. */
public record FindSegment(String segmentId) {}
