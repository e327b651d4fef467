package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.identity.Identifier;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.command.identity.IdentityResolver;
import io.kizuna.command.intake.IntakeMessage;
import io.kizuna.command.intake.IntakeMessage.IdentifierRef;
import io.kizuna.command.intake.TouchpointIntake;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Messages naming several identifiers resolve to one customer; identify messages are applied once. */
class IntakeIdentityIT extends PlatformIT {

    @Autowired
    TouchpointIntake intake;

    @Autowired
    IdentityResolver identities;

    private static Touchpoint visit(String messageId) {
        return new Touchpoint(messageId, "web_visit", "web", Instant.now().minusSeconds(30), null, null, Map.of());
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private JsonNode customer(String type, String value, TouchpointIntake.Outcome outcome) {
        return graphql()
                .document(
                        "customerByIdentifier",
                        "type",
                        type,
                        "value",
                        value,
                        "token",
                        outcome.consistencyToken().encode())
                .get("data")
                .get("customerByIdentifier");
    }

    @Test
    void anAnonymousVisitorWhoSignsInStaysOneCustomer() {
        String anonymousId = id();
        String userId = "u-" + id();
        String m1 = id();
        TouchpointIntake.Outcome visit = intake.submit(
                List.of(new IntakeMessage(m1, List.of(new IdentifierRef("anonymousId", anonymousId)), visit(m1), null)),
                "batch");

        String m2 = id();
        TouchpointIntake.Outcome identify = intake.submit(
                List.of(new IntakeMessage(
                        m2,
                        List.of(
                                new IdentifierRef("anonymousId", anonymousId),
                                new IdentifierRef("userId", userId),
                                new IdentifierRef("email", " Hanako@Example.JP ")),
                        null,
                        Map.of("name", "Hanako"))),
                "batch");
        assertThat(identify.customerIds()).isEqualTo(visit.customerIds());

        String m3 = id();
        TouchpointIntake.Outcome later = intake.submit(
                List.of(new IntakeMessage(m3, List.of(new IdentifierRef("userId", userId)), visit(m3), null)), "batch");
        assertThat(later.customerIds()).isEqualTo(visit.customerIds());

        JsonNode customer = customer("email", "hanako@example.jp", later);
        assertThat(customer.get("id").asString()).isEqualTo(visit.customerIds().get(0));
        assertThat(customer.get("touchpointCount").asInt()).isEqualTo(2);
        assertThat(customer.get("traits").get("name").asString()).isEqualTo("Hanako");
        assertThat(customer.get("identifiers")).hasSize(3);
    }

    /**
     * Found by the benchmark: a batch whose later message ties two customers that earlier messages of the same batch
     * made (a visit by an anonymous id, a POS purchase by a user id, then the identify naming both) failed with a 500,
     * because the merge looked for customers that were still only claims; and the claims it left made every later
     * message tying them fail too.
     */
    @Test
    void aBatchWhoseLastMessageTiesTwoCustomersItsEarlierMessagesMadeIsStoredAsOneCustomer() {
        String anonymousId = id();
        String userId = "u-" + id();
        String m1 = id();
        String m2 = id();
        TouchpointIntake.Outcome outcome = intake.submit(
                List.of(
                        new IntakeMessage(m1, List.of(new IdentifierRef("anonymousId", anonymousId)), visit(m1), null),
                        new IntakeMessage(m2, List.of(new IdentifierRef("userId", userId)), visit(m2), null),
                        new IntakeMessage(
                                id(),
                                List.of(
                                        new IdentifierRef("userId", userId),
                                        new IdentifierRef("anonymousId", anonymousId)),
                                null,
                                Map.of("plan", "gold"))),
                "batch");

        assertThat(outcome.accepted()).isEqualTo(3);
        JsonNode byAnonymousId = customer("anonymousId", anonymousId, outcome);
        JsonNode byUserId = customer("userId", userId, outcome);
        assertThat(byAnonymousId.get("id").asString())
                .isEqualTo(byUserId.get("id").asString());
        assertThat(byUserId.get("touchpointCount").asInt()).isEqualTo(2);
        assertThat(byUserId.get("traits").get("plan").asString()).isEqualTo("gold");
    }

    /** A claim whose customer was never stored (a request that failed half-way) does not block later merges. */
    @Test
    void aMessageTyingAnIdentifierClaimedForACustomerNeverStoredIsStored() {
        String userId = "u-" + id();
        String anonymousId = id();
        identities.resolve(List.of(Identifier.of("userId", userId))); // claimed; its customer is never stored
        String m1 = id();
        intake.submit(
                List.of(new IntakeMessage(m1, List.of(new IdentifierRef("anonymousId", anonymousId)), visit(m1), null)),
                "batch");

        String m2 = id();
        TouchpointIntake.Outcome tie = intake.submit(
                List.of(new IntakeMessage(
                        m2,
                        List.of(new IdentifierRef("anonymousId", anonymousId), new IdentifierRef("userId", userId)),
                        visit(m2),
                        null)),
                "batch");

        assertThat(tie.accepted()).isEqualTo(1);
        JsonNode customer = customer("userId", userId, tie);
        assertThat(customer.get("id").asString())
                .isEqualTo(customer("anonymousId", anonymousId, tie).get("id").asString());
        assertThat(customer.get("touchpointCount").asInt()).isEqualTo(2);
    }

    @Test
    void aResentIdentifyIsADuplicateAndCannotUndoANewerOne() {
        String userId = "u-" + id();
        List<IdentifierRef> who = List.of(new IdentifierRef("userId", userId));
        IntakeMessage gold = new IntakeMessage(id(), who, null, Map.of("plan", "gold"));
        IntakeMessage silver = new IntakeMessage(id(), who, null, Map.of("plan", "silver"));
        intake.submit(List.of(gold), "batch");
        intake.submit(List.of(silver), "batch");

        TouchpointIntake.Outcome resent = intake.submit(List.of(gold), "batch");

        assertThat(resent.accepted()).isZero();
        assertThat(resent.duplicates()).isEqualTo(1);
        assertThat(customer("userId", userId, resent).get("traits").get("plan").asString())
                .isEqualTo("silver");
    }

    @Test
    void aPhoneNumberIsFoundHoweverItIsWritten() {
        String local = "090-" + (1000 + (int) (Math.random() * 8999)) + "-" + (1000 + (int) (Math.random() * 8999));
        TouchpointIntake.Outcome outcome = intake.submit(
                List.of(new IntakeMessage(
                        id(), List.of(new IdentifierRef("phone", local)), null, Map.of("name", "Ken"))),
                "batch");
        String international = "+81 " + local.substring(1).replace("-", " ");
        JsonNode customer = customer("phone", international, outcome);
        assertThat(customer.get("id").asString())
                .isEqualTo(outcome.customerIds().get(0));
    }

    @Test
    void aGroupCallMakesTheCustomerAMemberOfTheAccount() {
        String account = "acme-" + id();
        String m = id();
        TouchpointIntake.Outcome outcome = intake.submit(
                List.of(new IntakeMessage(
                        m,
                        List.of(new IdentifierRef("userId", "u-" + id())),
                        new Touchpoint(
                                m,
                                "group_joined",
                                "web",
                                Instant.now().minusSeconds(5),
                                null,
                                null,
                                Map.of("groupId", account, "traits", Map.of("plan", "enterprise"))),
                        null)),
                "batch");
        JsonNode found = graphql()
                .query(
                        "query($accounts: [ID!], $token: String) { customers(filter: {accountIds: $accounts},"
                                + " consistencyToken: $token) { totalCount edges { node { id accounts { accountId"
                                + " traits joinedAt } } } } }",
                        Map.of(
                                "accounts",
                                List.of(account),
                                "token",
                                outcome.consistencyToken().encode()))
                .get("data")
                .get("customers");
        assertThat(found.get("totalCount").asInt()).isEqualTo(1);
        JsonNode membership =
                found.get("edges").get(0).get("node").get("accounts").get(0);
        assertThat(membership.get("accountId").asString()).isEqualTo(account);
        assertThat(membership.get("traits").get("plan").asString()).isEqualTo("enterprise");
    }

    @Test
    void aMessageWithoutIdentifiersIsRefusedWithTheFieldAtFault() {
        Map<String, Object> traits = new HashMap<>();
        traits.put("plan", "gold");
        assertThatThrownBy(() -> intake.submit(List.of(new IntakeMessage(id(), List.of(), null, traits)), "batch"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(
                                ((InvalidInputException) e).violations().get(0).field())
                        .isEqualTo("batch[0].identifiers"));
    }
}
