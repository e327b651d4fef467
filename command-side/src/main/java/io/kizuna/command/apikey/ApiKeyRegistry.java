package io.kizuna.command.apikey;

import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.api.apikey.CreateApiKey;
import io.kizuna.api.apikey.RevokeApiKey;
import io.kizuna.api.apikey.Role;
import io.kizuna.api.apikey.UnknownApiKeyException;
import io.kizuna.api.validation.InvalidInputException;
import java.util.Collection;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Creates, lists and revokes API keys for their owners. A new key's secret is returned once, here, and never
 * stored: only its SHA-256 is.
 */
@Component
public class ApiKeyRegistry {

    public static final int MAX_NAME_LENGTH = 100;

    private final CommandGateway commands;
    private final ApiKeyDirectory directory;

    public ApiKeyRegistry(CommandGateway commands, ApiKeyDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    /** A new key and its secret, which the caller must show once and then forget. */
    public record CreatedKey(ApiKeyDetails key, String secret) {}

    public CreatedKey create(String name, Role role) {
        String trimmed = validName(name);
        if (role == null) {
            throw new InvalidInputException("role", "role is required: INTEGRATOR, ANALYST, AUDITOR or ADMIN");
        }
        String secret = ApiKeySecrets.generate();
        ApiKeyDetails key = commands.sendAndWait(
                new CreateApiKey(UUID.randomUUID().toString(), trimmed, role, ApiKeySecrets.hash(secret)));
        directory.reload();
        return new CreatedKey(key, secret);
    }

    /**
     * Makes sure an admin key with this secret exists (the bootstrap key): creates it the first time, and changes
     * nothing afterwards, even if it was revoked since.
     */
    public ApiKeyDetails ensureAdmin(String secret, String name) {
        if (!ApiKeySecrets.plausible(secret)) {
            throw new IllegalArgumentException(
                    "the bootstrap admin key must be 16 to 200 characters without surrounding blanks");
        }
        ApiKeyDetails key = commands.sendAndWait(
                new CreateApiKey(UUID.randomUUID().toString(), name, Role.ADMIN, ApiKeySecrets.hash(secret)));
        directory.reload();
        return key;
    }

    /** Revokes the key (again: no change) and answers with its state; unknown ids throw. */
    public ApiKeyDetails revoke(String keyId) {
        if (keyId == null || directory.find(keyId).isEmpty()) {
            throw new UnknownApiKeyException(keyId);
        }
        ApiKeyDetails key = commands.sendAndWait(new RevokeApiKey(keyId));
        directory.reload();
        return key;
    }

    public Collection<ApiKeyDetails> list() {
        return directory.all();
    }

    private static String validName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException(
                    "name", "name must be 1 to " + MAX_NAME_LENGTH + " characters, e.g. crm-sync or dashboards");
        }
        return trimmed;
    }
}
