package io.kizuna.api.segment;

/**
 * The background evaluation of a segment's latest version over every customer. Answered with
 * {@link SegmentEvaluation}, or null for an unknown segment.
 */
public record FindSegmentEvaluation(String segmentId) {}
