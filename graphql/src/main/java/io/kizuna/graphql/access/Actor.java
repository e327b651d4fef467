package io.kizuna.graphql.access;

import graphql.GraphQLContext;
import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.api.apikey.Role;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Who is asking: the party a GraphQL request is attributed to, as the access log records it. Resolved once per
 * request by the {@link ActorResolver} and kept in the request's GraphQL context.
 *
 * <p>A caller with an API key is {@code key:<id> (<name>, <ROLE>)}: the key's id, its name and role as they were
 * when the request was made. A request without a key (only possible where the API key filter does not run) is
 * {@code anonymous@<client address>}: the address of the connection's peer as the server saw it, never a header the
 * client sent ({@code X-Forwarded-For}, {@code Forwarded}, ...); it has no role, so it may do nothing.
 *
 * @param name what the access log records as the actor; never blank
 * @param role the caller's role, or {@code null} without an API key
 */
public record Actor(String name, String role) {

    /** Key of the request's {@link Actor} in the GraphQL context. */
    public static final String CONTEXT_KEY = Actor.class.getName();

    /** A request whose origin is unknown (not over HTTP or WebSocket, e.g. a test calling the engine directly). */
    public static final Actor UNKNOWN = new Actor("anonymous@unknown", null);

    public Actor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
    }

    /** The caller holding this API key. */
    public static Actor apiKey(ApiKeyDetails key) {
        return new Actor(
                "key:" + key.id() + " (" + key.name() + ", " + key.role() + ")",
                key.role().name());
    }

    /** The role, or null without one (or an unknown one). */
    public Role roleOrNull() {
        if (role == null) {
            return null;
        }
        try {
            return Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An unauthenticated caller, named by the address of the connection it came from (without the port). */
    public static Actor anonymous(InetSocketAddress client) {
        if (client == null) {
            return UNKNOWN;
        }
        InetAddress address = client.getAddress();
        String host = address != null ? address.getHostAddress() : client.getHostString();
        return host == null || host.isBlank() ? UNKNOWN : new Actor("anonymous@" + host, null);
    }

    /** The actor of the request the context belongs to; {@link #UNKNOWN} if none was resolved. */
    public static Actor of(GraphQLContext context) {
        Actor actor = context == null ? null : context.get(CONTEXT_KEY);
        return actor == null ? UNKNOWN : actor;
    }
}
