package io.kizuna.graphql.access;

import org.springframework.graphql.server.WebGraphQlRequest;

/**
 * Decides who a GraphQL request comes from. The one seam to replace when callers authenticate (issue 7): a resolver
 * that looks up the request's API key and answers with the key's id or name and role.
 */
public interface ActorResolver {

    Actor resolve(WebGraphQlRequest request);
}
