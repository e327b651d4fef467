package io.kizuna.graphql.limits;

import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import io.kizuna.graphql.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Refuses, before execution, a document nesting fields deeper than {@code kizuna.graphql.max-depth} (default 12). */
@Component
public class QueryDepthLimit extends MaxQueryDepthInstrumentation {

    public QueryDepthLimit(@Value("${kizuna.graphql.max-depth:12}") int maxDepth) {
        super(maxDepth);
    }

    @Override
    protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
        return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                .message("the query nests " + depth + " levels deep; at most " + maxDepth + " are allowed")
                .extensions(Map.of("code", ErrorCode.QUERY_TOO_DEEP))
                .build()));
    }
}
