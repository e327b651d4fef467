package io.kizuna.api.source;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records which source a write key belongs to, keyed by the key's SHA-256 (hex), so that a request's key is found
 * by one stream read instead of a scan.
 */
public record IssueWriteKey(@TargetAggregateIdentifier String keyHash, String sourceId) {}
