package io.kizuna.api.apikey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a key to the API key catalog ({@link #CATALOG}), known only by the SHA-256 (hex) of its secret. A key whose
 * hash the catalog already has is not added again (so a bootstrap key can be created at every start-up). Answers
 * with the {@link ApiKeyDetails} of the key with that hash.
 */
public record CreateApiKey(
        @TargetAggregateIdentifier String catalogId, String keyId, String name, Role role, String keyHash) {

    /** The one catalog stream that holds every API key. */
    public static final String CATALOG = "api-key-catalog";

    public CreateApiKey(String keyId, String name, Role role, String keyHash) {
        this(CATALOG, keyId, name, role, keyHash);
    }
}
