package io.kizuna.api.source;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a source: its write key is refused from now on. Revoking twice changes nothing. Answers with the {@link SourceDetails}. */
public record RevokeSource(@TargetAggregateIdentifier String sourceId) {}
