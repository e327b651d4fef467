package io.kizuna.api.segment;

/**
 * How many customers a rule would select now, and a few of them, before the segment is saved. Answered with
 * {@link SegmentPreview}; an invalid or too expensive rule is an {@link io.kizuna.api.validation.InvalidInputException}
 * naming the part at fault.
 */
public record PreviewSegment(String rule, int sampleSize) {}
