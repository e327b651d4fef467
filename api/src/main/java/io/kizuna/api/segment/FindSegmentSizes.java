package io.kizuna.api.segment;

import java.util.List;

/** How many customers are members of each segment now. Answered with {@link SegmentSizes}. */
public record FindSegmentSizes(List<String> segmentIds) {}
