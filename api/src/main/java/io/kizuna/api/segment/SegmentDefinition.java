package io.kizuna.api.segment;

/**
 * A segment as a user defines it: a lower snake case id, a name, a description, and the rule in its text form
 * (see docs/segment-rules.md).
 */
public record SegmentDefinition(String id, String name, String description, String rule) {}
