package io.kizuna.api.segment;

import java.util.Map;

/** Members per segment id (0 for a segment without members). */
public record SegmentSizes(Map<String, Long> sizes) {}
