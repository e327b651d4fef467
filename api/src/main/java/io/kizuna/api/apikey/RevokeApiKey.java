package io.kizuna.api.apikey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a key for good; revoking again changes nothing. Answers with its {@link ApiKeyDetails}. */
public record RevokeApiKey(@TargetAggregateIdentifier String catalogId, String keyId) {

    public RevokeApiKey(String keyId) {
        this(CreateApiKey.CATALOG, keyId);
    }
}
