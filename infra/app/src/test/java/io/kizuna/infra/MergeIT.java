package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.touchpoint.Money;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.command.intake.IntakeMessage;
import io.kizuna.command.intake.IntakeMessage.IdentifierRef;
import io.kizuna.command.intake.TouchpointIntake;
import io.kizuna.projection.customer.CustomerViewProjection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Customers who turn out to be one person merge; the views follow; protection refuses what it must. */
class MergeIT extends PlatformIT {

    @Autowired
    TouchpointIntake intake;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventProcessingConfiguration processing;

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static IntakeMessage visit(String messageId, String amount, IdentifierRef... who) {
        Money value = amount == null ? null : new Money(new BigDecimal(amount), "JPY");
        return new IntakeMessage(
                messageId,
                List.of(who),
                new Touchpoint(messageId, "web_visit", "web", Instant.now().minusSeconds(60), null, value, Map.of()),
                null);
    }

    private static IntakeMessage identify(IdentifierRef... who) {
        return new IntakeMessage(id(), List.of(who), null, Map.of());
    }

    private JsonNode customer(String customerId, ConsistencyToken token) {
        return graphql()
                .document("customerMerges", "id", customerId, "token", token.encode())
                .get("data")
                .get("customer");
    }

    private List<String> eventTypes(String customerId) {
        return new JdbcTemplate(dataSource)
                .queryForList(
                        "SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                        String.class,
                        customerId);
    }

    @Test
    void anIdentifyThatTiesTwoVisitorsMergesThemIntoTheOneWithAUserId() {
        IdentifierRef a = new IdentifierRef("anonymousId", id());
        IdentifierRef b = new IdentifierRef("anonymousId", id());
        IdentifierRef user = new IdentifierRef("userId", "u-" + id());
        String aVisit = id();
        String bVisit = id();
        String customerA = intake.submit(List.of(visit(aVisit, "100", a)), "batch")
                .customerIds()
                .get(0);
        String customerB = intake.submit(List.of(visit(bVisit, "50", b)), "batch")
                .customerIds()
                .get(0);
        assertThat(customerA).isNotEqualTo(customerB);
        intake.submit(List.of(identify(a, user)), "batch");

        TouchpointIntake.Outcome tie = intake.submit(List.of(identify(b, user)), "batch");

        assertThat(tie.customerIds()).containsExactly(customerA);
        JsonNode survivor = customer(customerB, tie.consistencyToken());
        assertThat(survivor.get("id").asString()).isEqualTo(customerA);
        assertThat(survivor.get("touchpointCount").asInt()).isEqualTo(2);
        assertThat(survivor.get("lifetimeValue").get(0).get("amount").decimalValue())
                .isEqualByComparingTo("150");
        assertThat(survivor.get("mergedFrom").get(0).get("id").asString()).isEqualTo(customerB);
        assertThat(survivor.get("mergedFrom").get(0).get("mergedInto").get("id").asString())
                .isEqualTo(customerA);
        assertThat(survivor.get("timeline").get("edges")).hasSize(2);
        assertThat(eventTypes(customerB)).last().asString().endsWith("CustomerMergedInto");
        assertThat(eventTypes(customerA)).anyMatch(type -> type.endsWith("CustomerAbsorbed"));

        TouchpointIntake.Outcome retry = intake.submit(List.of(visit(bVisit, "50", b)), "batch");
        assertThat(retry.duplicates()).isEqualTo(1);
        assertThat(retry.customerIds()).containsExactly(customerA);

        JsonNode found = graphql()
                .document(
                        "searchCustomers",
                        "query",
                        b.value(),
                        "token",
                        retry.consistencyToken().encode())
                .get("data")
                .get("customers");
        assertThat(found.get("edges")).hasSize(1);
        assertThat(found.get("edges").get(0).get("node").get("id").asString()).isEqualTo(customerA);
    }

    @Test
    void twoDifferentUserIdsNeverMergeAndTheRefusalIsRecorded() {
        IdentifierRef hanako = new IdentifierRef("userId", "u-" + id());
        IdentifierRef taro = new IdentifierRef("userId", "u-" + id());
        IdentifierRef sharedEmail = new IdentifierRef("email", id() + "@example.jp");
        String customerH =
                intake.submit(List.of(identify(hanako)), "batch").customerIds().get(0);
        String customerT = intake.submit(List.of(identify(taro, sharedEmail)), "batch")
                .customerIds()
                .get(0);

        String message = id();
        TouchpointIntake.Outcome outcome = intake.submit(List.of(visit(message, null, hanako, sharedEmail)), "batch");

        assertThat(outcome.customerIds()).containsExactly(customerH);
        assertThat(eventTypes(customerH)).anyMatch(type -> type.endsWith("MergeRefused"));
        assertThat(eventTypes(customerT)).noneMatch(type -> type.endsWith("CustomerMergedInto"));
        assertThat(customer(customerH, outcome.consistencyToken())
                        .get("touchpointCount")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aSecondUserIdIsNeverAttachedToACustomerThatHasOne() {
        IdentifierRef device = new IdentifierRef("anonymousId", id());
        IdentifierRef first = new IdentifierRef("userId", "u-" + id());
        IdentifierRef second = new IdentifierRef("userId", "u-" + id());
        String customer = intake.submit(List.of(identify(device, first)), "batch")
                .customerIds()
                .get(0);

        TouchpointIntake.Outcome shared = intake.submit(List.of(visit(id(), null, device, second)), "batch");

        assertThat(shared.customerIds()).containsExactly(customer);
        assertThat(eventTypes(customer)).anyMatch(type -> type.endsWith("MergeRefused"));
        JsonNode profile = customer(customer, shared.consistencyToken());
        assertThat(profile.get("identifiers").toString())
                .contains(first.value())
                .doesNotContain(second.value());
        JsonNode other = graphql()
                .document("customerByIdentifier", "type", "userId", "value", second.value())
                .get("data")
                .get("customerByIdentifier");
        assertThat(other).isNotNull();
    }

    @Test
    void aPersonMergesTwoCustomersThroughGraphQl() {
        String first = intake.submit(List.of(visit(id(), null, new IdentifierRef("crm", id()))), "batch")
                .customerIds()
                .get(0);
        String second = intake.submit(List.of(visit(id(), null, new IdentifierRef("loyalty", id()))), "batch")
                .customerIds()
                .get(0);

        JsonNode payload = graphql()
                .document("mergeCustomers", "survivorId", second, "absorbedId", first, "reason", "same card holder")
                .get("data")
                .get("mergeCustomers");

        assertThat(payload.get("merged").asBoolean()).isTrue();
        assertThat(payload.get("survivor").get("id").asString()).isEqualTo(second);
        assertThat(payload.get("survivor").get("touchpointCount").asInt()).isEqualTo(2);
        JsonNode unknown =
                graphql().document("mergeCustomers", "survivorId", second, "absorbedId", id(), "reason", "typo");
        assertThat(unknown.get("errors").get(0).get("extensions").get("code").asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void sixteenVisitorsRacingToClaimOneEmailEndAsOneCustomer() throws Exception {
        String email = id() + "@example.jp";
        int clients = 16;
        List<IdentifierRef> visitors = new ArrayList<>();
        ConsistencyToken token = ConsistencyToken.empty();
        for (int i = 0; i < clients; i++) {
            IdentifierRef visitor = new IdentifierRef("anonymousId", id());
            visitors.add(visitor);
            token = token.and(
                    intake.submit(List.of(visit(id(), "10", visitor)), "batch").consistencyToken());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<CompletableFuture<TouchpointIntake.Outcome>> results = new ArrayList<>();
        for (IdentifierRef visitor : visitors) {
            results.add(CompletableFuture.supplyAsync(
                    () -> {
                        awaitStart(start);
                        return intake.submit(
                                List.of(visit(id(), "1", visitor, new IdentifierRef("email", email))), "batch");
                    },
                    pool));
        }
        start.countDown();
        for (CompletableFuture<TouchpointIntake.Outcome> result : results) {
            token = token.and(result.get().consistencyToken());
        }
        pool.shutdown();

        JsonNode owner = graphql()
                .document("customerByIdentifier", "type", "email", "value", email, "token", token.encode())
                .get("data")
                .get("customerByIdentifier");
        assertThat(owner.get("touchpointCount").asInt()).isEqualTo(2 * clients);
        assertThat(owner.get("lifetimeValue").get(0).get("amount").decimalValue())
                .isEqualByComparingTo("176");
        Set<String> live = new HashSet<>();
        for (IdentifierRef visitor : visitors) {
            live.add(graphql()
                    .document(
                            "customerByIdentifier",
                            "type",
                            "anonymousId",
                            "value",
                            visitor.value(),
                            "token",
                            token.encode())
                    .get("data")
                    .get("customerByIdentifier")
                    .get("id")
                    .asString());
        }
        assertThat(live).containsExactly(owner.get("id").asString());
    }

    @Test
    void aRebuildFromScratchGivesTheSameMergedViews() throws Exception {
        IdentifierRef a = new IdentifierRef("anonymousId", id());
        IdentifierRef user = new IdentifierRef("userId", "u-" + id());
        intake.submit(List.of(visit(id(), "7", a)), "batch");
        String survivor = intake.submit(List.of(visit(id(), "3", user)), "batch")
                .customerIds()
                .get(0);
        TouchpointIntake.Outcome tie = intake.submit(List.of(identify(a, user)), "batch");
        JsonNode before = customer(survivor, tie.consistencyToken());

        StreamingEventProcessor processor = processing
                .eventProcessor(CustomerViewProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        rebuildViews(processor);

        JsonNode after = customer(survivor, tie.consistencyToken());
        assertThat(after).isEqualTo(before);
    }

    private static void awaitStart(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
