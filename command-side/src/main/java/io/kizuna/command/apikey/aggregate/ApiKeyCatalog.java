package io.kizuna.command.apikey.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.apikey.ApiKeyCreated;
import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.api.apikey.ApiKeyRevoked;
import io.kizuna.api.apikey.CreateApiKey;
import io.kizuna.api.apikey.RevokeApiKey;
import io.kizuna.api.apikey.UnknownApiKeyException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Every API key, on one stream: keys are few (tens, not millions), so one stream lets every node load them all with
 * one read and keeps a key's hash unique without a second aggregate. Secrets are never here, only their SHA-256.
 * Revocation is final.
 */
@Aggregate
public class ApiKeyCatalog {

    @AggregateIdentifier
    private String catalogId;

    private final Map<String, ApiKeyDetails> keys = new LinkedHashMap<>();
    private final Map<String, String> keyIdByHash = new HashMap<>();

    protected ApiKeyCatalog() {
        // for Axon
    }

    /** Adds the key, unless a key with the same hash exists: then answers with that one (idempotent bootstrap). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ApiKeyDetails handle(CreateApiKey command, Clock clock) {
        String existing = keyIdByHash.get(command.keyHash());
        if (existing != null) {
            return keys.get(existing);
        }
        apply(new ApiKeyCreated(command.keyId(), command.name(), command.role(), command.keyHash(), clock.instant()));
        return keys.get(command.keyId());
    }

    @CommandHandler
    public ApiKeyDetails handle(RevokeApiKey command, Clock clock) {
        ApiKeyDetails key = keys.get(command.keyId());
        if (key == null) {
            throw new UnknownApiKeyException(command.keyId());
        }
        if (!key.revoked()) {
            apply(new ApiKeyRevoked(command.keyId(), clock.instant()));
        }
        return keys.get(command.keyId());
    }

    @EventSourcingHandler
    void on(ApiKeyCreated event) {
        catalogId = CreateApiKey.CATALOG;
        keys.put(event.keyId(), new ApiKeyDetails(event.keyId(), event.name(), event.role(), event.createdAt(), null));
        keyIdByHash.put(event.keyHash(), event.keyId());
    }

    @EventSourcingHandler
    void on(ApiKeyRevoked event) {
        keys.computeIfPresent(
                event.keyId(),
                (id, key) -> new ApiKeyDetails(id, key.name(), key.role(), key.createdAt(), event.revokedAt()));
    }
}
