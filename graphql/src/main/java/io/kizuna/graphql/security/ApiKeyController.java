package io.kizuna.graphql.security;

import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.api.apikey.Role;
import io.kizuna.command.apikey.ApiKeyDirectory;
import io.kizuna.command.apikey.ApiKeyRegistry;
import java.time.Instant;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** API keys: create (the key is shown once), list, revoke. */
@Controller
public class ApiKeyController {

    private final ApiKeyRegistry registry;
    private final ApiKeyDirectory directory;

    public ApiKeyController(ApiKeyRegistry registry, ApiKeyDirectory directory) {
        this.registry = registry;
        this.directory = directory;
    }

    /** An API key as the schema shows it. */
    public record ApiKeyView(
            String id,
            String name,
            Role role,
            Instant createdAt,
            Instant lastUsedAt,
            boolean revoked,
            Instant revokedAt) {}

    public record CreateApiKeyPayload(String key, ApiKeyView apiKey) {}

    @MutationMapping
    public CreateApiKeyPayload createApiKey(@Argument String name, @Argument Role role) {
        ApiKeyRegistry.CreatedKey created = registry.create(name, role);
        return new CreateApiKeyPayload(created.secret(), view(created.key()));
    }

    @MutationMapping
    public ApiKeyView revokeApiKey(@Argument String id) {
        return view(registry.revoke(id));
    }

    @QueryMapping
    public List<ApiKeyView> apiKeys(@Argument Boolean includeRevoked) {
        boolean all = includeRevoked == null || includeRevoked;
        return registry.list().stream()
                .filter(key -> all || !key.revoked())
                .map(this::view)
                .toList();
    }

    private ApiKeyView view(ApiKeyDetails key) {
        return new ApiKeyView(
                key.id(),
                key.name(),
                key.role(),
                key.createdAt(),
                directory.lastUsedAt(key.id()),
                key.revoked(),
                key.revokedAt());
    }
}
