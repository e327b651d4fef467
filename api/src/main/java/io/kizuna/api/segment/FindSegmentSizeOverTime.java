package io.kizuna.api.segment;

import java.time.Instant;

/**
 * The number of members at the end of each interval ({@code 1h}, {@code 1d}, {@code 1w}, {@code 1M}) from
 * {@code from} to {@code to}, from the recorded entries and exits. Answered with {@link SegmentSizeHistory}.
 */
public record FindSegmentSizeOverTime(String segmentId, Instant from, Instant to, String interval) {}
