package io.kizuna.graphql.access;

import org.springframework.graphql.server.WebGraphQlRequest;

/**
 * Decides who a GraphQL request comes from: {@link io.kizuna.graphql.security.ApiKeyActorResolver}, the request's API
 * key with its id, name and role.
 */
public interface ActorResolver {

    Actor resolve(WebGraphQlRequest request);
}
