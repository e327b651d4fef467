package io.kizuna.api.segment;

import java.util.List;

/** The customers a rule selects now: how many, and the ids of a sample. */
public record SegmentPreview(long size, List<String> sampleCustomerIds) {}
