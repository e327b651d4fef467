package io.kizuna.graphql.limits;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLFieldDefinition;
import io.kizuna.graphql.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Caps every page: a field whose {@code first} argument is over {@code kizuna.graphql.max-page-size} (default 100)
 * or under 1 answers null with BAD_USER_INPUT, without running. The message names the field by its path
 * ({@code customer.timeline.first}); {@code extensions.field} is {@code first} for a root field (as for every other
 * argument) and the path below the root.
 */
@Component
public class PageSizeLimit implements Instrumentation {

    private final int maxPageSize;

    public PageSizeLimit(@Value("${kizuna.graphql.max-page-size:100}") int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(
            DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        GraphQLFieldDefinition definition = parameters.getExecutionStepInfo().getFieldDefinition();
        if (definition.getArgument("first") == null) {
            return dataFetcher; // the cheap test first: this runs for every field
        }
        return env -> {
            Object first = env.getArgument("first");
            if (first instanceof Number n && (n.longValue() > maxPageSize || n.longValue() < 1)) {
                String path = String.join(
                                ".",
                                env.getExecutionStepInfo().getPath().toList().stream()
                                        .filter(String.class::isInstance)
                                        .map(String.class::cast)
                                        .toList())
                        + ".first";
                // a root field's argument is named as every other input error names it; a nested one by its path
                String field = env.getExecutionStepInfo().getPath().getLevel() == 1 ? "first" : path;
                Map<String, Object> extensions = new LinkedHashMap<>();
                extensions.put("code", ErrorCode.BAD_USER_INPUT);
                extensions.put("field", field);
                return DataFetcherResult.newResult()
                        .error(GraphqlErrorBuilder.newError(env)
                                .message(path + ": first must be between 1 and " + maxPageSize + ", got " + n)
                                .extensions(extensions)
                                .build())
                        .build();
            }
            return dataFetcher.get(env);
        };
    }
}
