package io.kizuna.graphql.limits;

import graphql.GraphqlErrorBuilder;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;
import io.kizuna.graphql.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses, before execution, a document asking for more than {@code kizuna.graphql.max-complexity} (default 5,000).
 * A field costs 1 plus what is selected below it, times its page size ({@code first}) when it has one: so
 * {@code customers(first: 100) { edges { node { timeline(first: 100) { ... } } } } } costs what it would fetch.
 */
@Component
public class QueryComplexityLimit extends MaxQueryComplexityInstrumentation {

    static final FieldComplexityCalculator PAGES_MULTIPLY = (env, childComplexity) -> {
        Object first = env.getArguments().get("first");
        int pageSize = first instanceof Number n ? Math.max(1, n.intValue()) : 1;
        return 1 + childComplexity * pageSize;
    };

    public QueryComplexityLimit(@Value("${kizuna.graphql.max-complexity:5000}") int maxComplexity) {
        super(maxComplexity, PAGES_MULTIPLY);
    }

    @Override
    protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
        return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                .message("the query's complexity is " + complexity + "; at most " + maxComplexity
                        + " is allowed: ask for smaller pages (first) or fewer nested fields")
                .extensions(Map.of("code", ErrorCode.QUERY_TOO_COMPLEX))
                .build()));
    }
}
