package io.kizuna.api.source;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a source: a system that sends data ("web", "pos", "crm", ...), with the SHA-256 (hex) of its write key.
 * The write key itself is never stored. Answers with the {@link SourceDetails}.
 */
public record CreateSource(@TargetAggregateIdentifier String sourceId, String name, String writeKeyHash) {}
