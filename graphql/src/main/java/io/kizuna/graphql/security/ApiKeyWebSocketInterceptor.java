package io.kizuna.graphql.security;

import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.command.apikey.ApiKeyDirectory;
import io.kizuna.command.apikey.ApiKeySecrets;
import java.util.Map;
import java.util.Optional;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Authenticates a GraphQL-over-WebSocket connection once, at graphql-ws's {@code connection_init}: the key of the
 * handshake's {@code Authorization} header, else {@code Authorization} ({@code "Bearer <key>"}) in the init payload
 * (what browsers can send). Without a valid key the connection is closed (4401 Unauthorized).
 */
@Component
public class ApiKeyWebSocketInterceptor implements WebSocketGraphQlInterceptor {

    private final ApiKeyDirectory keys;

    public ApiKeyWebSocketInterceptor(ApiKeyDirectory keys) {
        this.keys = keys;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        String secret = ApiKeySecrets.fromBearer(session.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (secret == null && payload != null) {
            Object given =
                    payload.containsKey("Authorization") ? payload.get("Authorization") : payload.get("authorization");
            secret = given instanceof String s ? ApiKeySecrets.fromBearer(s) : null;
        }
        Optional<ApiKeyDetails> key = secret == null ? Optional.empty() : keys.authenticate(secret);
        if (key.isEmpty()) {
            return Mono.error(new IllegalStateException("no valid API key: unknown, revoked or missing"));
        }
        session.getAttributes().put(ApiKeyFilter.ATTRIBUTE, key.get());
        return Mono.empty();
    }
}
