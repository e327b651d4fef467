package io.kizuna.graphql.security;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import io.kizuna.api.apikey.Role;
import io.kizuna.graphql.access.Actor;
import io.kizuna.graphql.error.ErrorCode;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Enforces the {@link AccessPolicy} on every root field of every query, mutation and subscription, before its data
 * fetcher runs: a field the caller's role may not use answers null with a FORBIDDEN error (its siblings in the same
 * document still run if allowed). Introspection ({@code __schema}, {@code __type}, {@code __typename}) is open to every
 * key; {@code spring.graphql.schema.introspection.enabled=false} turns it off for everyone. Below the root, it has every caller but
 * AUDITOR and ADMIN see personal values masked ({@link PersonalDataMasking}).
 */
@Component
public class AccessControlInstrumentation implements Instrumentation {

    /**
     * The roles that see personal values unmasked. Everyone else (ANALYST, and INTEGRATOR where a mutation answers
     * with a customer, such as giveConsent or mergeCustomers) sees them masked.
     */
    private static final java.util.Set<Role> SEES_PERSONAL_DATA = java.util.EnumSet.of(Role.AUDITOR, Role.ADMIN);

    private final PersonalDataMasking masking;

    public AccessControlInstrumentation(PersonalDataMasking masking) {
        this.masking = masking;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(
            DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        ExecutionStepInfo step = parameters.getExecutionStepInfo();
        GraphQLObjectType parent = step.getObjectType();
        String coordinate = parent.getName() + "." + step.getFieldDefinition().getName();
        if (step.getPath().getLevel() == 1) {
            Actor actor = Actor.of(parameters.getExecutionContext().getGraphQLContext());
            Role role = actor.roleOrNull();
            boolean introspection = step.getFieldDefinition().getName().startsWith("__");
            String probe = introspection || SEES_PERSONAL_DATA.contains(role)
                    ? null
                    : masking.probe(coordinate, step.getArguments());
            if (introspection ? role == null : !AccessPolicy.allows(role, coordinate) || probe != null) {
                String message = role == null
                        ? "an API key is needed for " + coordinate
                        : probe != null ? probe : "the " + role + " role may not use " + coordinate;
                return env -> DataFetcherResult.newResult()
                        .error(GraphqlErrorBuilder.newError(env)
                                .message(message)
                                .extensions(Map.of(
                                        "code",
                                        ErrorCode.FORBIDDEN,
                                        "field",
                                        step.getFieldDefinition().getName()))
                                .build())
                        .build();
            }
            return dataFetcher;
        }
        if (masking.masks(coordinate)
                && !SEES_PERSONAL_DATA.contains(
                        Actor.of(parameters.getExecutionContext().getGraphQLContext())
                                .roleOrNull())) {
            return masking.wrap(coordinate, dataFetcher);
        }
        return dataFetcher;
    }
}
