package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.kizuna.api.apikey.Role;
import io.kizuna.api.privacy.PersonalData;
import io.kizuna.graphql.security.AccessPolicy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what, end to end with real keys: every root field of the running schema (queries and mutations over
 * HTTP, subscriptions over WebSocket) with a key of every role and with none; the intake with API keys; masking
 * for analysts; revocation; the GraphQL protections.
 */
class AccessControlIT extends PlatformIT {

    /** Arguments that make an allowed call fail harmlessly instead of changing what other tests see. */
    private static final Map<String, String> ARGUMENT_OVERRIDES = Map.of("rebuildViews", "views: [\"no_such_view\"]");

    private static final Map<Role, String> KEYS = new EnumMap<>(Role.class);

    @Autowired
    private GraphQlSource graphQlSource;

    @BeforeEach
    void keys() {
        synchronized (KEYS) {
            if (KEYS.isEmpty()) {
                for (Role role : Role.values()) {
                    KEYS.put(role, graphql().createKey("walk-" + role.name().toLowerCase(), role.name()));
                }
            }
        }
    }

    @Test
    void everyQueryAndMutationIsAllowedToItsRolesOnlyAndNeedsAKey() {
        GraphQLSchema schema = graphQlSource.schema();
        List<String> checked = new ArrayList<>();
        for (GraphQLObjectType root : new GraphQLObjectType[] {schema.getQueryType(), schema.getMutationType()}) {
            String keyword = root == schema.getQueryType() ? "query" : "mutation";
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                String coordinate = root.getName() + "." + field.getName();
                String document = keyword + " { " + call(field) + " }";

                HttpResponse<String> anonymous = graphql().withKey(null).post(json(document));
                assertThat(anonymous.statusCode())
                        .as(coordinate + " without a key")
                        .isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

                for (Role role : Role.values()) {
                    JsonNode answer = graphql().withKey(KEYS.get(role)).query(document, Map.of());
                    boolean forbidden = codes(answer).contains("FORBIDDEN");
                    assertThat(forbidden)
                            .as(coordinate + " as " + role + ": " + answer)
                            .isEqualTo(!AccessPolicy.allows(role, coordinate));
                    if (forbidden) {
                        assertThat(answer.at("/errors/0/path/0").asString()).isEqualTo(field.getName());
                    }
                }
                checked.add(coordinate);
            }
        }
        assertThat(checked).contains("Query.customer", "Mutation.recordTouchpoints", "Query.apiKeys");
    }

    @Test
    void introspectionIsOpenToEveryKeyButNotWithoutOne() {
        String document = "{ __typename __schema { queryType { name } } __type(name: \"Customer\") { name } }";
        for (Role role : Role.values()) {
            JsonNode answer = graphql().withKey(KEYS.get(role)).query(document, Map.of());
            assertThat(answer.path("errors").isMissingNode())
                    .as(role + ": " + answer)
                    .isTrue();
            assertThat(answer.at("/data/__schema/queryType/name").asString()).isEqualTo("Query");
        }
        assertThat(graphql().withKey(null).post(json(document)).statusCode()).isEqualTo(401);
    }

    @Test
    void everySubscriptionIsAllowedToItsRolesOnlyAndNeedsAKey() {
        GraphQLObjectType subscriptions = graphQlSource.schema().getSubscriptionType();
        assertThat(subscriptions.getFieldDefinitions()).isNotEmpty();
        for (GraphQLFieldDefinition field : subscriptions.getFieldDefinitions()) {
            String coordinate = subscriptions.getName() + "." + field.getName();
            String document = "subscription { " + call(field) + " }";

            WebSocketGraphQlClient anonymous = WebSocketGraphQlClient.builder(
                            "ws://127.0.0.1:" + port + "/graphql", new StandardWebSocketClient())
                    .build();
            assertThatThrownBy(() -> anonymous.start().block(Duration.ofSeconds(20)))
                    .as(coordinate + " without a key: connection_init is refused")
                    .isNotNull();

            for (Role role : Role.values()) {
                WebSocketGraphQlClient ws = WebSocketGraphQlClient.builder(
                                "ws://127.0.0.1:" + port + "/graphql", new StandardWebSocketClient())
                        .header("Authorization", TestKeys.bearer(KEYS.get(role)))
                        .build();
                boolean allowed = AccessPolicy.allows(role, coordinate);
                List<String> errors = subscriptionErrors(ws, document, allowed);
                assertThat(errors.stream().anyMatch(e -> e.contains("FORBIDDEN")))
                        .as(coordinate + " as " + role + ": " + errors)
                        .isEqualTo(!allowed);
            }
        }
    }

    @Test
    void aBrowserMaySendItsKeyInConnectionInit() {
        WebSocketGraphQlClient ws = WebSocketGraphQlClient.builder(
                        "ws://127.0.0.1:" + port + "/graphql", new StandardWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", TestKeys.bearer(KEYS.get(Role.ANALYST))));
                    }
                })
                .build();

        assertThat(subscriptionErrors(ws, "subscription { stageTransitions { __typename } }", true))
                .isEmpty();
    }

    @Test
    void anUnknownOrRevokedKeyIsRefusedWith401() {
        GraphQlClient admin = graphql();
        String key = admin.createKey("short-lived", "ANALYST");
        String id = keyId(admin, "short-lived");
        assertThat(graphql().withKey(key).post(json("{ segments { id } }")).statusCode())
                .isEqualTo(200);

        JsonNode revoked =
                admin.query("mutation($id: ID!) { revokeApiKey(id: $id) { id revoked revokedAt } }", Map.of("id", id));

        assertThat(revoked.at("/data/revokeApiKey/revoked").asBoolean())
                .as(revoked.toString())
                .isTrue();
        assertThat(graphql().withKey(key).post(json("{ segments { id } }")).statusCode())
                .isEqualTo(401);
        assertThat(graphql()
                        .withKey("kz_never-issued-key-000000000")
                        .post(json("{ segments { id } }"))
                        .statusCode())
                .isEqualTo(401);
        JsonNode unknown = admin.query("mutation { revokeApiKey(id: \"no-such-key\") { id } }", Map.of());
        assertThat(codes(unknown)).containsExactly("NOT_FOUND");
    }

    @Test
    void aNewKeyIsShownOnceAndListedWithoutItsSecretWithWhenItWasLastUsed() {
        GraphQlClient admin = graphql();
        JsonNode created = admin.query(
                "mutation { createApiKey(name: \"crm-sync\", role: INTEGRATOR) { key apiKey { id name role } } }",
                Map.of());
        String key = created.at("/data/createApiKey/key").asString();
        assertThat(key).startsWith("kz_").hasSizeGreaterThan(40);
        assertThat(created.at("/data/createApiKey/apiKey/name").asString()).isEqualTo("crm-sync");
        assertThat(created.at("/data/createApiKey/apiKey/role").asString()).isEqualTo("INTEGRATOR");
        Instant before = Instant.now();
        graphql().withKey(key).post(json("mutation { recordTouchpoints(input: []) { accepted } }"));

        JsonNode listed = admin.query("{ apiKeys { id name role createdAt lastUsedAt revoked } }", Map.of());

        assertThat(listed.toString()).doesNotContain(key);
        JsonNode mine = null;
        for (JsonNode k : listed.at("/data/apiKeys")) {
            if (k.get("id")
                    .asString()
                    .equals(created.at("/data/createApiKey/apiKey/id").asString())) {
                mine = k;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(Instant.parse(mine.get("lastUsedAt").asString())).isAfterOrEqualTo(before.minusSeconds(1));
        JsonNode badName = admin.query("mutation { createApiKey(name: \"\", role: ADMIN) { key } }", Map.of());
        assertThat(codes(badName)).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void analystsSeePersonalValuesMaskedAuditorsUnmasked() {
        String crm = "C-" + UUID.randomUUID();
        String email = "hanako-" + UUID.randomUUID() + "@example.jp";
        JsonNode written = graphql()
                .withKey(KEYS.get(Role.INTEGRATOR))
                .query(
                        "mutation($c: String!, $e: String!) { a: updateTraits(input: {customer: {type: \"crm\","
                                + " value: $c}, traits: {name: \"Hanako Yamada\", email: $e, plan: \"gold\"}})"
                                + " { customerId consistencyToken } }",
                        Map.of("c", crm, "e", email));
        assertThat(written.path("errors").isMissingNode())
                .as(written.toString())
                .isTrue();
        String token = written.at("/data/a/consistencyToken").asString();

        JsonNode asAnalyst = graphql()
                .withKey(KEYS.get(Role.ANALYST))
                .document("customerByIdentifier", "type", "crm", "value", crm, "token", token);
        JsonNode asAuditor = graphql()
                .withKey(KEYS.get(Role.AUDITOR))
                .document("customerByIdentifier", "type", "crm", "value", crm, "token", token);

        JsonNode masked = asAnalyst.at("/data/customerByIdentifier");
        assertThat(masked.at("/traits/name").asString()).isEqualTo(PersonalData.MASKED);
        assertThat(masked.at("/traits/email").asString()).isEqualTo(PersonalData.MASKED);
        assertThat(masked.at("/traits/plan").asString()).isEqualTo("gold");
        assertThat(masked.toString()).doesNotContain(email).doesNotContain("Hanako");
        assertThat(masked.at("/identifiers").toString()).contains(crm); // a crm id is not personal by default
        JsonNode plain = asAuditor.at("/data/customerByIdentifier");
        assertThat(plain.at("/traits/name").asString()).isEqualTo("Hanako Yamada");
        assertThat(plain.at("/traits/email").asString()).isEqualTo(email);
    }

    @Test
    void theIntakeTakesIntegratorAndAdminKeysAndRefusesOtherRoles() {
        SegmentHttp intake = new SegmentHttp(port);
        String track = "{\"messageId\":\"%s\",\"userId\":\"u-%s\",\"event\":\"Order Completed\"}";

        for (Role role : Role.values()) {
            String id = UUID.randomUUID().toString();
            SegmentHttp.Answer answer = intake.post(
                    "/v1/track",
                    String.format(track, id, id).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    TestKeys.bearer(KEYS.get(role)),
                    false);
            boolean writes = role == Role.INTEGRATOR || role == Role.ADMIN;
            assertThat(answer.status()).as(role + ": " + answer.body()).isEqualTo(writes ? 200 : 403);
        }
        SegmentHttp.Answer unknown = intake.post(
                "/v1/track",
                String.format(track, "m-x", "x").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                TestKeys.bearer("kz_never-issued-key-000000000"),
                false);
        assertThat(unknown.status()).isEqualTo(401);
        SegmentHttp.Answer none = intake.post("/v1/track", String.format(track, "m-y", "y"));
        assertThat(none.status()).isEqualTo(401);
    }

    @Test
    void tooDeepTooComplexAndTooLargePagesAreRefusedNamingTheLimit() {
        StringBuilder deep = new StringBuilder("{ customers(first: 1) { edges { node { mergedInto {");
        for (int i = 0; i < 10; i++) {
            deep.append(" mergedInto {");
        }
        deep.append(" id ").append("}".repeat(11)).append(" } } } }");
        JsonNode tooDeep = graphql().query(deep.toString(), Map.of());
        assertThat(codes(tooDeep)).as(tooDeep.toString()).containsExactly("QUERY_TOO_DEEP");

        JsonNode tooComplex = graphql()
                .query(
                        "{ customers(first: 100) { edges { node { timeline(first: 100) { edges { node { messageId type"
                                + " channel occurredAt } } } } } } }",
                        Map.of());
        assertThat(codes(tooComplex)).as(tooComplex.toString()).containsExactly("QUERY_TOO_COMPLEX");

        JsonNode written = graphql()
                .withKey(KEYS.get(Role.INTEGRATOR))
                .query(
                        "mutation($c: String!) { updateTraits(input: {customer: {type: \"crm\", value: $c},"
                                + " traits: {plan: \"tea\"}}) { consistencyToken } }",
                        Map.of("c", "C-" + UUID.randomUUID()));
        JsonNode tooLarge = graphql()
                .query(
                        "query($t: String) { customers(first: 1, consistencyToken: $t) { edges { node {"
                                + " timeline(first: 150) { edges { cursor } } } } } }",
                        java.util.Collections.singletonMap(
                                "t",
                                written.at("/data/updateTraits/consistencyToken")
                                        .asString()));
        JsonNode rootTooLarge = graphql().query("{ customers(first: 101) { totalCount } }", Map.of());
        assertThat(codes(rootTooLarge)).as(rootTooLarge.toString()).containsExactly("BAD_USER_INPUT");
        assertThat(rootTooLarge.at("/errors/0/message").asString())
                .contains("customers.first")
                .contains("100");
        assertThat(rootTooLarge.at("/errors/0/extensions/field").asString()).isEqualTo("first");
        assertThat(codes(tooLarge)).as(tooLarge.toString()).containsExactly("BAD_USER_INPUT");
        assertThat(tooLarge.at("/errors/0/extensions/field").asString())
                .isEqualTo("customers.edges.node.timeline.first");
        assertThat(tooLarge.at("/errors/0/message").asString()).contains("between 1 and 100");
    }

    private static String keyId(GraphQlClient admin, String name) {
        for (JsonNode key : admin.query("{ apiKeys { id name } }", Map.of()).at("/data/apiKeys")) {
            if (key.get("name").asString().equals(name)) {
                return key.get("id").asString();
            }
        }
        throw new IllegalStateException("no key named " + name);
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.path("errors").forEach(e -> codes.add(e.at("/extensions/code").asString()));
        return codes;
    }

    private static String json(String document) {
        return GraphQlClient.JSON.writeValueAsString(Map.of("query", document));
    }

    /**
     * The errors a subscription gets once connected: an allowed one is watched for a second (it then waits for events
     * and sends none), a refused one until its first answer (up to 10 s, so a slow machine cannot hide a refusal).
     */
    private static List<String> subscriptionErrors(WebSocketGraphQlClient ws, String document, boolean allowed) {
        List<String> errors = new CopyOnWriteArrayList<>();
        try {
            ws.start().block(Duration.ofSeconds(20));
            var answers = ws.document(document).executeSubscription();
            (allowed ? answers.take(Duration.ofSeconds(1)) : answers.take(1))
                    .doOnNext(response ->
                            response.getErrors().forEach(e -> errors.add(e.getExtensions() + " " + e.getMessage())))
                    .onErrorResume(e -> {
                        errors.add(String.valueOf(e));
                        return reactor.core.publisher.Flux.empty();
                    })
                    .blockLast(Duration.ofSeconds(10));
        } finally {
            ws.stop().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
        }
        return errors;
    }

    /** {@code field(required arguments) { __typename }} with values of the right type. */
    private static String call(GraphQLFieldDefinition field) {
        List<String> arguments = new ArrayList<>();
        if (ARGUMENT_OVERRIDES.containsKey(field.getName())) {
            arguments.add(ARGUMENT_OVERRIDES.get(field.getName()));
        } else {
            for (GraphQLArgument argument : field.getArguments()) {
                if (GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue()) {
                    arguments.add(argument.getName() + ": " + value(argument.getType()));
                }
            }
        }
        GraphQLType returned = GraphQLTypeUtil.unwrapAll(field.getType());
        String selection =
                returned instanceof GraphQLScalarType || returned instanceof GraphQLEnumType ? "" : " { __typename }";
        return field.getName() + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")") + selection;
    }

    /** A literal of the type: empty strings and ids (which every write refuses), the first enum value, ... */
    private static String value(GraphQLInputType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            return value((GraphQLInputType) nonNull.getWrappedType());
        }
        if (type instanceof GraphQLList list) {
            return "[" + value((GraphQLInputType) list.getWrappedType()) + "]";
        }
        if (type instanceof GraphQLEnumType e) {
            return e.getValues().get(0).getName();
        }
        if (type instanceof GraphQLInputObjectType object) {
            List<String> fields = new ArrayList<>();
            for (GraphQLInputObjectField f : object.getFieldDefinitions()) {
                if (GraphQLTypeUtil.isNonNull(f.getType()) && !f.hasSetDefaultValue()) {
                    fields.add(f.getName() + ": " + value(f.getType()));
                }
            }
            return "{" + String.join(", ", fields) + "}";
        }
        return switch (((GraphQLScalarType) type).getName()) {
            case "Int", "Long" -> "1";
            case "Float" -> "1.0";
            case "Boolean" -> "true";
            case "DateTime" -> "\"2026-01-01T00:00:00Z\"";
            case "BigDecimal" -> "\"1\"";
            case "JSON" -> "{}";
            default -> "\"\"";
        };
    }
}
