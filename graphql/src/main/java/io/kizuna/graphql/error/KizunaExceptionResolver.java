package io.kizuna.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

/**
 * Turns exceptions into GraphQL errors with a code in {@code extensions.code}, a message a person can act on, the
 * response path, and for input errors the argument field at fault ({@code extensions.field}). Unexpected failures
 * are logged with a reference; the client gets the reference, never a stack trace.
 */
@Component
public class KizunaExceptionResolver extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(KizunaExceptionResolver.class);

    @Override
    protected List<GraphQLError> resolveToMultipleErrors(Throwable ex, DataFetchingEnvironment env) {
        Throwable cause = unwrap(ex);
        if (cause instanceof InvalidInputException invalid) {
            String argument = firstArgumentName(env);
            return invalid.violations().stream()
                    .map(v -> {
                        String field = qualify(argument, v.field());
                        return error(env, ErrorCode.BAD_USER_INPUT, field + ": " + v.message(), field);
                    })
                    .toList();
        }
        if (cause instanceof NotFoundException notFound) {
            return List.of(error(env, ErrorCode.NOT_FOUND, notFound.getMessage(), notFound.field()));
        }
        if (cause instanceof BindException) {
            return List.of(error(env, ErrorCode.BAD_USER_INPUT, cause.getMessage(), null));
        }
        String reference = UUID.randomUUID().toString();
        log.error(
                "Unexpected failure in {} (reference {})",
                env.getExecutionStepInfo().getPath(),
                reference,
                cause);
        return List.of(error(
                env, ErrorCode.INTERNAL_ERROR, "internal error; quote reference " + reference + " to support", null));
    }

    static GraphQLError error(DataFetchingEnvironment env, String code, String message, String field) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        if (field != null) {
            extensions.put("field", field);
        }
        return GraphqlErrorBuilder.newError(env)
                .message(message)
                .extensions(extensions)
                .build();
    }

    /** Violations name fields relative to the argument (e.g. {@code [3].type}); errors name the argument too. */
    private static String qualify(String argument, String field) {
        if (field == null || field.isEmpty()) {
            return argument;
        }
        if (argument == null || field.equals(argument) || field.startsWith(argument + ".")) {
            return field;
        }
        if (field.startsWith("[")) {
            return argument + field;
        }
        return argument.equals("input") ? argument + "." + field : field;
    }

    private static String firstArgumentName(DataFetchingEnvironment env) {
        return env.getField().getArguments().isEmpty()
                ? null
                : env.getField().getArguments().get(0).getName();
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable current = ex;
        while ((current instanceof CompletionException
                        || current instanceof ExecutionException
                        || current instanceof QueryExecutionException
                        || current instanceof CommandExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
