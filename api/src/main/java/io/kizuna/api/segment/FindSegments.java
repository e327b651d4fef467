package io.kizuna.api.segment;

/** The latest version of every segment. Answered with {@link SegmentList}. */
public record FindSegments() {}
