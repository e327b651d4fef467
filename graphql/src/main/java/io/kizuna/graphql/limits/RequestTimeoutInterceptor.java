package io.kizuna.graphql.limits;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import io.kizuna.graphql.error.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Answers a GraphQL request that has not finished within {@code kizuna.graphql.timeout} (default 30 s) with a
 * TIMEOUT error, so that a client is never left waiting on a slow read. (Work already started, such as a stored
 * write, may still finish; a mutation that timed out may have been applied, which its idempotency makes safe to
 * retry.) A subscription's answer is its stream, which is not timed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestTimeoutInterceptor implements WebGraphQlInterceptor {

    private final Duration timeout;

    public RequestTimeoutInterceptor(@Value("${kizuna.graphql.timeout:30s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request)
                .timeout(timeout)
                .onErrorResume(TimeoutException.class, e -> Mono.just(timedOut(request)));
    }

    private WebGraphQlResponse timedOut(WebGraphQlRequest request) {
        ExecutionResult result = ExecutionResultImpl.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message("the request took longer than " + timeout.toSeconds() + " s and was given up")
                        .extensions(Map.of("code", ErrorCode.TIMEOUT))
                        .build())
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }
}
