package io.kizuna.command.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kizuna.api.identity.ClaimIdentifier;
import io.kizuna.api.identity.Identifier;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finds the customer an identifier belongs to, creating a new customer id for an identifier never seen before.
 * Ownership is decided by the identifier's {@link IdentifierClaim}; answers are cached because an identifier never
 * changes owner (until merges, which evict).
 */
@Component
public class IdentityResolver {

    private static final int ATTEMPTS = 3;

    private final CommandGateway commands;
    private final IdentityHashKey hashKey;
    private final Cache<String, String> ownerByClaim;

    public IdentityResolver(
            CommandGateway commands,
            IdentityHashKey hashKey,
            @Value("${kizuna.identity.cache-size:200000}") long cacheSize) {
        this.commands = commands;
        this.hashKey = hashKey;
        this.ownerByClaim = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    public String customerOf(Identifier identifier) {
        String claimId = hashKey.claimIdOf(identifier.type(), identifier.value());
        String owner = ownerByClaim.getIfPresent(claimId);
        if (owner == null) {
            owner = claim(claimId, identifier.type());
            ownerByClaim.put(claimId, owner);
        }
        return owner;
    }

    /** Another node may create the same claim at the same moment: the loser retries and reads the winner's owner. */
    private String claim(String claimId, String type) {
        AxonException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return commands.sendAndWait(
                        new ClaimIdentifier(claimId, type, UUID.randomUUID().toString()));
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                last = e;
            }
        }
        throw last;
    }
}
