package io.kizuna.api.source;

import java.util.List;

/** The answer to {@link ListSources}. */
public record SourceList(List<SourceDetails> sources) {}
