package io.kizuna.graphql.access;

import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * The resolver while there are no API keys: every caller is {@code anonymous@<client address>}, the remote address of
 * the HTTP or WebSocket connection. Nothing the client claims (headers, arguments, cookies) is taken into account.
 */
@Component
public class ClientAddressActorResolver implements ActorResolver {

    @Override
    public Actor resolve(WebGraphQlRequest request) {
        return Actor.anonymous(request.getRemoteAddress());
    }
}
