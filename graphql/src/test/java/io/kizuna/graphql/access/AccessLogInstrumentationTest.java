package io.kizuna.graphql.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.kizuna.api.access.HistoryAccessed;
import io.kizuna.api.access.RecordAccess;
import io.kizuna.graphql.scalar.KizunaScalars;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The instrumentation on a small schema with the audited fields, recording through a stubbed command gateway. */
class AccessLogInstrumentationTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final String CUSTOMER = "2f0c3c1e-8d6a-4a51-9a0e-0d3f8d7d1a11";
    private static final Actor AUDITOR = new Actor("anonymous@10.1.2.3", null);

    private static final String SDL =
            """
            scalar DateTime
            type Query {
              customerHistory(id: ID!, first: Int, after: String, from: DateTime, to: DateTime, types: [String!]): String
              customerAsOf(id: ID!, knownAt: DateTime, occurredBy: DateTime): String
              auditLog(from: DateTime, to: DateTime, actor: String, customerId: ID, first: Int, after: String): String
              customer(id: ID!): Customer
            }
            type Customer { id: ID!  customerHistory(id: ID): String }
            type Mutation { verifyAllHistories: String }
            """;

    private CommandGateway commands;
    private AccessRecorder recorder;
    private GraphQL graphql;

    @BeforeEach
    void setUp() {
        commands = mock(CommandGateway.class);
        when(commands.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        recorder = new AccessRecorder(commands);
        recorder.start();
        DataFetcher<Object> ok = env -> "ok";
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(KizunaScalars.DATE_TIME)
                .type("Query", t -> t.dataFetcher("customerHistory", ok)
                        .dataFetcher("customerAsOf", env -> {
                            throw new IllegalStateException("no such customer");
                        })
                        .dataFetcher("auditLog", env -> DataFetcherResult.newResult()
                                .error(GraphqlErrorBuilder.newError(env)
                                        .message("refused")
                                        .build())
                                .build())
                        .dataFetcher("customer", env -> Map.of("id", env.getArgument("id"))))
                .type("Customer", t -> t.dataFetcher("customerHistory", ok))
                .type("Mutation", t -> t.dataFetcher("verifyAllHistories", ok))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        graphql = GraphQL.newGraphQL(schema)
                .instrumentation(new AccessLogInstrumentation(recorder, Clock.fixed(NOW, ZoneOffset.UTC)))
                .build();
    }

    @AfterEach
    void tearDown() {
        recorder.stop();
    }

    private ExecutionResult run(String document, Actor actor) {
        ExecutionInput.Builder input = ExecutionInput.newExecutionInput(document);
        if (actor != null) {
            input.graphQLContext(Map.of(Actor.CONTEXT_KEY, actor));
        }
        return graphql.execute(input.build());
    }

    private List<RecordAccess> recorded(int count) {
        ArgumentCaptor<RecordAccess> sent = ArgumentCaptor.forClass(RecordAccess.class);
        verify(commands, timeout(2_000).times(count)).send(sent.capture());
        return sent.getAllValues();
    }

    @Test
    void aHistoryReadIsRecordedWithWhoWhenWhichCustomerAndItsArguments() {
        ExecutionResult result = run(
                "{ customerHistory(id: \"" + CUSTOMER + "\", first: 5, after: \"eyJhIjoxfQ\","
                        + " from: \"2026-10-01T00:00:00+09:00\", types: [\"TouchpointRecorded\"]) }",
                AUDITOR);

        assertThat(result.getErrors()).isEmpty();
        RecordAccess record = recorded(1).get(0);
        assertThat(record.accessId()).isNotBlank();
        assertThat(record.actor()).isEqualTo("anonymous@10.1.2.3");
        assertThat(record.operation()).isEqualTo("customerHistory");
        assertThat(record.customerId()).isEqualTo(CUSTOMER);
        assertThat(record.outcome()).isEqualTo(HistoryAccessed.OK);
        assertThat(record.at()).isEqualTo(NOW);
        assertThat(record.arguments())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "id", CUSTOMER,
                        "first", "5",
                        "after", "eyJhIjoxfQ",
                        "from", "2026-09-30T15:00:00Z",
                        "types", List.of("TouchpointRecorded")));
    }

    @Test
    void aReadThatThrowsIsRecordedAsAnError() {
        ExecutionResult result =
                run("{ customerAsOf(id: \"" + CUSTOMER + "\", knownAt: \"2026-10-01T00:00:00Z\") }", AUDITOR);

        assertThat(result.getErrors()).hasSize(1);
        RecordAccess record = recorded(1).get(0);
        assertThat(record.operation()).isEqualTo("customerAsOf");
        assertThat(record.customerId()).isEqualTo(CUSTOMER);
        assertThat(record.arguments()).containsEntry("knownAt", "2026-10-01T00:00:00Z");
        assertThat(record.outcome()).isEqualTo(HistoryAccessed.ERROR);
    }

    @Test
    void aReadAnsweredWithAnErrorIsRecordedAsAnErrorAndItsFreeTextIsLeftOut() {
        run("{ auditLog(actor: \"anonymous@10.9.9.9\", customerId: \"hanako@example.jp\", first: 500) }", AUDITOR);

        RecordAccess record = recorded(1).get(0);
        assertThat(record.operation()).isEqualTo("auditLog");
        assertThat(record.outcome()).isEqualTo(HistoryAccessed.ERROR);
        assertThat(record.customerId()).isNull();
        assertThat(record.arguments()).isEqualTo(Map.of("first", "500"));
    }

    @Test
    void theAccessLogItselfIsRecordedWithTheCustomerItWasAskedAbout() {
        run("{ auditLog(customerId: \"" + CUSTOMER + "\") }", AUDITOR);

        RecordAccess record = recorded(1).get(0);
        assertThat(record.operation()).isEqualTo("auditLog");
        assertThat(record.customerId()).isEqualTo(CUSTOMER);
        assertThat(record.arguments()).isEqualTo(Map.of("customerId", CUSTOMER));
    }

    @Test
    void aMutationWithoutCustomerIsRecorded() {
        run("mutation { verifyAllHistories }", AUDITOR);

        RecordAccess record = recorded(1).get(0);
        assertThat(record.operation()).isEqualTo("verifyAllHistories");
        assertThat(record.customerId()).isNull();
        assertThat(record.arguments()).isEmpty();
        assertThat(record.outcome()).isEqualTo(HistoryAccessed.OK);
    }

    @Test
    void eachAuditedRootFieldOfARequestIsRecordedOnce() {
        run(
                "{ a: customerHistory(id: \"" + CUSTOMER + "\") b: customerHistory(id: \"" + CUSTOMER + "\")"
                        + " customer(id: \"" + CUSTOMER + "\") { id } }",
                AUDITOR);

        List<RecordAccess> records = recorded(2);
        assertThat(records).extracting(RecordAccess::operation).containsOnly("customerHistory");
        verify(commands, after(300).times(2)).send(any());
    }

    @Test
    void otherFieldsAndNestedFieldsOfTheSameNameAreNotRecorded() {
        ExecutionResult result =
                run("{ customer(id: \"" + CUSTOMER + "\") { id customerHistory(id: \"x\") } }", AUDITOR);

        assertThat(result.getErrors()).isEmpty();
        verify(commands, after(300).never()).send(any());
    }

    @Test
    void aRequestWithoutResolvedActorIsRecordedAsUnknown() {
        run("{ customerHistory(id: \"" + CUSTOMER + "\") }", null);

        assertThat(recorded(1).get(0).actor()).isEqualTo("anonymous@unknown");
    }

    @Test
    void aRecordThatFailsToStoreIsRetried() {
        when(commands.send(any()))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("database down")))
                .thenReturn(CompletableFuture.completedFuture(null));

        run("{ customerHistory(id: \"" + CUSTOMER + "\") }", AUDITOR);

        List<RecordAccess> attempts = recorded(2);
        assertThat(attempts.get(1)).isEqualTo(attempts.get(0));
    }

    @Test
    void aRecordIsTriedAtMostThreeTimes() {
        when(commands.send(any()))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("database down")));

        run("{ customerHistory(id: \"" + CUSTOMER + "\") }", AUDITOR);

        verify(commands, timeout(5_000).times(AccessRecorder.ATTEMPTS)).send(any());
        verify(commands, after(2_000).times(AccessRecorder.ATTEMPTS)).send(any());
    }

    @Test
    void nothingIsRecordedForADocumentRefusedBeforeExecution() {
        ExecutionResult result = run("{ customerHistory(id: \"" + CUSTOMER + "\") { nope } }", AUDITOR);

        assertThat(result.getErrors()).isNotEmpty();
        verify(commands, after(300).never()).send(any());
    }
}
