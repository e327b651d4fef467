package io.kizuna.api.source;

/** Which sources are there, oldest first? Answers with a {@link SourceList}. */
public record ListSources(boolean includeRevoked) {}
