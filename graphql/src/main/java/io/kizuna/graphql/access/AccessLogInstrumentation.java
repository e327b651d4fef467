package io.kizuna.graphql.access;

import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.kizuna.api.access.HistoryAccessed;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records every read of customer history in the access log: each time one of the {@link #AUDITED_FIELDS} is executed
 * as a root field of a query or mutation, one record with the request's {@link Actor}, the field name as operation,
 * the customer (its {@code id} or {@code customerId} argument), the non-personal arguments ({@link AuditedArguments})
 * and whether the field answered ({@code ok}) or failed ({@code error}: an exception or an error result such as
 * NOT_FOUND or BAD_USER_INPUT). It works at the GraphQL layer, so it covers those fields whoever implements them.
 *
 * <p>One record per executed field: a document asking for two of them, or for one twice under two aliases, makes two
 * records. A request refused before execution (unparseable, invalid, badly typed variables) reads nothing and is not
 * recorded.
 */
@Component
public class AccessLogInstrumentation implements Instrumentation {

    /** The history, time-travel, export and verification operations, and the access log itself. */
    public static final Set<String> AUDITED_FIELDS = Set.of(
            "customerHistory", "customerAsOf", "exportCustomer", "verifyHistory", "verifyAllHistories", "auditLog");

    private static final Logger log = LoggerFactory.getLogger(AccessLogInstrumentation.class);

    private final AccessRecorder recorder;
    private final Clock clock;

    public AccessLogInstrumentation(AccessRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(
            InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (!AUDITED_FIELDS.contains(parameters.getField().getName())) {
            return FieldFetchingInstrumentationContext.NOOP; // the cheap test first: this runs for every field
        }
        ExecutionStepInfo step = parameters.getExecutionStepInfo();
        if (!isRootField(step, parameters.getExecutionContext().getGraphQLSchema())) {
            return FieldFetchingInstrumentationContext.NOOP;
        }
        Instant at = clock.instant();
        Actor actor = Actor.of(parameters.getExecutionContext().getGraphQLContext());
        String operation = step.getFieldDefinition().getName();
        Map<String, Object> arguments = step.getArguments();
        AtomicBoolean recorded = new AtomicBoolean();
        return new FieldFetchingInstrumentationContext() {
            @Override
            public void onDispatched() {}

            @Override
            public void onCompleted(Object result, Throwable failure) {
                if (recorded.compareAndSet(false, true)) {
                    boolean failed = failure != null || (result instanceof DataFetcherResult<?> r && r.hasErrors());
                    record(actor, operation, arguments, failed ? HistoryAccessed.ERROR : HistoryAccessed.OK, at);
                }
            }
        };
    }

    private void record(Actor actor, String operation, Map<String, Object> arguments, String outcome, Instant at) {
        try {
            recorder.record(
                    actor,
                    operation,
                    AuditedArguments.customerId(arguments),
                    AuditedArguments.keep(arguments),
                    outcome,
                    at);
        } catch (RuntimeException e) {
            // never fail the read itself; the recorder has its own retries
            log.warn("Could not record a {} read: {}", operation, e.getClass().getName());
        }
    }

    private static boolean isRootField(ExecutionStepInfo step, GraphQLSchema schema) {
        if (step.getPath().getLevel() != 1) {
            return false;
        }
        GraphQLObjectType parent = step.getObjectType();
        return parent != null && (parent.equals(schema.getQueryType()) || parent.equals(schema.getMutationType()));
    }
}
