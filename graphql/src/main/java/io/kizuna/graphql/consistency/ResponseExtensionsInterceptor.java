package io.kizuna.graphql.consistency;

import io.kizuna.api.consistency.ReadConsistency;
import io.kizuna.graphql.error.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Completes every GraphQL response: {@code extensions.consistency} says whether reads given a consistency token
 * saw the writes it names, and every error carries an {@code extensions.code}, including the ones graphql-java
 * raises itself for unparseable documents, unknown fields and badly typed values.
 */
@Component
public class ResponseExtensionsInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        ConsistencyReport report = new ConsistencyReport();
        request.configureExecutionInput(
                (input, builder) -> builder.graphQLContext(Map.of(ConsistencyReport.CONTEXT_KEY, report))
                        .build());
        return chain.next(request).map(response -> {
            boolean reported = report.worst() != ReadConsistency.NOT_REQUESTED;
            boolean uncoded = response.getErrors().stream()
                    .anyMatch(e -> !e.getExtensions().containsKey("code"));
            if (!reported && !uncoded) {
                return response;
            }
            return response.transform(builder -> {
                if (reported) {
                    builder.extensions(Map.of("consistency", report.worst().name()));
                }
                if (uncoded) {
                    builder.errors(coded(response.getErrors(), request.getVariables()));
                }
            });
        });
    }

    private static List<graphql.GraphQLError> coded(List<ResponseError> errors, Map<String, Object> variables) {
        List<graphql.GraphQLError> result = new ArrayList<>();
        for (ResponseError error : errors) {
            Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions());
            extensions.putIfAbsent("code", codeOf(error));
            if (!extensions.containsKey("field")) {
                BadVariableValue.locate(error.getMessage(), variables)
                        .ifPresent(field -> extensions.put("field", field));
            }
            result.add(graphql.GraphqlErrorBuilder.newError()
                    .message(error.getMessage())
                    .locations(error.getLocations())
                    .path(error.getParsedPath())
                    .errorType(error.getErrorType())
                    .extensions(extensions)
                    .build());
        }
        return result;
    }

    private static String codeOf(ResponseError error) {
        String type = String.valueOf(error.getErrorType());
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (type.equals("InvalidSyntax")) {
            return ErrorCode.GRAPHQL_PARSE_FAILED;
        }
        if (message.startsWith("Variable '") || message.contains("WrongType") || message.contains("Invalid value")) {
            return ErrorCode.BAD_USER_INPUT;
        }
        if (type.equals("ValidationError")) {
            return ErrorCode.GRAPHQL_VALIDATION_FAILED;
        }
        return ErrorCode.INTERNAL_ERROR;
    }
}
