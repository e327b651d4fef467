package io.kizuna.graphql.security;

import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.command.apikey.ApiKeyDirectory;
import io.kizuna.command.apikey.ApiKeySecrets;
import io.kizuna.graphql.access.Actor;
import io.kizuna.graphql.access.ActorResolver;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The caller of a GraphQL request is its API key: the one the {@link ApiKeyFilter} admitted over HTTP, or the one a
 * WebSocket connection presented (handshake header or {@code connection_init}). A request without a key (possible
 * only where the filter does not run, e.g. a test calling the engine) is an anonymous actor without a role, which
 * the {@link AccessPolicy} refuses everything.
 */
@Component
public class ApiKeyActorResolver implements ActorResolver {

    private final ApiKeyDirectory keys;

    public ApiKeyActorResolver(ApiKeyDirectory keys) {
        this.keys = keys;
    }

    @Override
    public Actor resolve(WebGraphQlRequest request) {
        ApiKeyDetails key = key(request);
        return key == null ? Actor.anonymous(request.getRemoteAddress()) : Actor.apiKey(key);
    }

    private ApiKeyDetails key(WebGraphQlRequest request) {
        if (request.getAttributes().get(ApiKeyFilter.ATTRIBUTE) instanceof ApiKeyDetails key) {
            return key;
        }
        if (request instanceof WebSocketGraphQlRequest ws
                && ws.getSessionInfo().getAttributes().get(ApiKeyFilter.ATTRIBUTE) instanceof ApiKeyDetails key) {
            // a key revoked while the connection is open is refused from its next operation on
            return keys.find(key.id()).filter(k -> !k.revoked()).orElse(null);
        }
        String secret = ApiKeySecrets.fromBearer(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        return secret == null ? null : keys.authenticate(secret).orElse(null);
    }
}
