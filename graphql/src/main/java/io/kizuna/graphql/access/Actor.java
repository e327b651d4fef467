package io.kizuna.graphql.access;

import graphql.GraphQLContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Who is asking: the party a GraphQL request is attributed to, as the access log records it. Resolved once per
 * request by the {@link ActorResolver} and kept in the request's GraphQL context.
 *
 * <p>Until callers authenticate (issue 7: API keys), every caller is {@code anonymous@<client address>}: the address
 * of the connection's peer as the server saw it, never a header the client sent ({@code X-Forwarded-For},
 * {@code Forwarded}, a user name...). Behind a proxy that is the proxy's address, which is honest: the platform does
 * not know more. With API keys, {@link ActorResolver} returns the key's id or name instead, and {@code role} says what
 * the key may do.
 *
 * @param name what the access log records as the actor; never blank
 * @param role the caller's role, or {@code null} while there are no API keys
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
