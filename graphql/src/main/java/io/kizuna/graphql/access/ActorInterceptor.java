package io.kizuna.graphql.access;

import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Resolves who each GraphQL request comes from and puts the {@link Actor} in the request's GraphQL context. */
@Component
public class ActorInterceptor implements WebGraphQlInterceptor {

    private final ActorResolver resolver;

    public ActorInterceptor(ActorResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Actor actor = resolver.resolve(request);
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(Map.of(Actor.CONTEXT_KEY, actor)).build());
        return chain.next(request);
    }
}
