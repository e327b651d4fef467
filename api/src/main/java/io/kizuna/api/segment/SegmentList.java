package io.kizuna.api.segment;

import java.util.List;

public record SegmentList(List<Segment> segments) {}
