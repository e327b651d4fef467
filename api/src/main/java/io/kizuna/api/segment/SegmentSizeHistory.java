package io.kizuna.api.segment;

import java.util.List;

public record SegmentSizeHistory(List<SegmentSizePoint> points) {}
