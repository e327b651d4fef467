package io.kizuna.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.IdentifierAdded;
import io.kizuna.api.customer.RecordTouchpoints;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TouchpointsRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.customer.TraitsUpdate;
import io.kizuna.api.customer.TraitsUpdateResult;
import io.kizuna.api.customer.UpdateTraits;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.touchpoint.Money;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.command.journey.CurrentJourneyModels;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final String ID = "2f0c3c1e-8d6a-4a51-9a0e-0d3f8d7d1a11";
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant YESTERDAY = Instant.parse("2026-10-31T09:30:00Z");
    private static final Identifier CRM = Identifier.of("crm", "C-1001");
    private static final Identifier EMAIL = Identifier.of("email", "hanako@example.jp");

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(CurrentJourneyModels.of());
    }

    private static Touchpoint purchase(String messageId) {
        return new Touchpoint(
                messageId,
                "purchase",
                "store",
                YESTERDAY,
                "autumn",
                new Money(new BigDecimal("1200"), "JPY"),
                Map.of());
    }

    private static TouchpointRecorded recorded(String messageId) {
        Touchpoint t = purchase(messageId);
        return new TouchpointRecorded(
                ID, messageId, t.type(), t.channel(), t.occurredAt(), NOW, t.campaign(), t.value(), t.properties());
    }

    @Test
    void firstTouchpointsOfAnUnknownCustomerRegisterIt() {
        fixture.givenNoPriorActivity()
                .when(new RecordTouchpoints(ID, List.of(CRM), List.of(purchase("m-1"))))
                .expectEvents(new CustomerRegistered(ID, CRM, NOW), recorded("m-1"))
                .expectResultMessagePayload(new TouchpointsRecorded(ID, 1, 0, 1));
    }

    @Test
    void duplicateMessageIdIsAcknowledgedButNotStoredTwice() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW), recorded("m-1"))
                .when(new RecordTouchpoints(ID, List.of(CRM), List.of(purchase("m-1"), purchase("m-2"))))
                .expectEvents(recorded("m-2"))
                .expectResultMessagePayload(new TouchpointsRecorded(ID, 1, 1, 2));
    }

    @Test
    void repeatedMessageIdWithinOneBatchIsStoredOnce() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(new RecordTouchpoints(ID, List.of(CRM), List.of(purchase("m-1"), purchase("m-1"))))
                .expectEvents(recorded("m-1"))
                .expectResultMessagePayload(new TouchpointsRecorded(ID, 1, 1, 1));
    }

    @Test
    void retryOfAWholeBatchChangesNothing() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW), recorded("m-1"), recorded("m-2"))
                .when(new RecordTouchpoints(ID, List.of(CRM), List.of(purchase("m-1"), purchase("m-2"))))
                .expectNoEvents()
                .expectResultMessagePayload(new TouchpointsRecorded(ID, 0, 2, 2));
    }

    @Test
    void aNewIdentifierIsAddedToAKnownCustomer() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(new RecordTouchpoints(ID, List.of(CRM, EMAIL), List.of(purchase("m-1"))))
                .expectEvents(new IdentifierAdded(ID, EMAIL, NOW), recorded("m-1"));
    }

    @Test
    void batchWithOneInvalidTouchpointStoresNothing() {
        Touchpoint bad = new Touchpoint("m-2", "Purchase!", "store", YESTERDAY, null, null, null);
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(new RecordTouchpoints(ID, List.of(CRM), List.of(purchase("m-1"), bad)))
                .expectNoEvents()
                .expectException(InvalidInputException.class)
                .expectExceptionMessage("touchpoints[1].type: type must be lower snake case (a-z, 0-9, _; max 64),"
                        + " e.g. purchase, email_open, web_visit; got 'Purchase!'");
    }

    @Test
    void invalidFirstBatchDoesNotRegisterTheCustomer() {
        Touchpoint bad = new Touchpoint("m-1", "purchase", "store", null, null, null, null);
        fixture.givenNoPriorActivity()
                .when(new RecordTouchpoints(ID, List.of(CRM), List.of(bad)))
                .expectNoEvents()
                .expectException(InvalidInputException.class);
    }

    @Test
    void traitsAreSetAndANullTraitIsRemoved() {
        Map<String, Object> traits = new HashMap<>();
        traits.put("plan", "gold");
        traits.put("nickname", null);
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new TraitsChanged(ID, Map.of("nickname", "hana"), List.of(), NOW, null))
                .when(new UpdateTraits(ID, List.of(CRM), traits, null))
                .expectEvents(new TraitsChanged(ID, Map.of("plan", "gold"), List.of("nickname"), NOW, null))
                .expectResultMessagePayloadMatching(
                        org.axonframework.test.matchers.Matchers.predicate(r -> ((TraitsUpdateResult) r).changed()));
    }

    @Test
    void settingTraitsToTheirCurrentValuesRecordsNothing() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new TraitsChanged(ID, Map.of("plan", "gold"), List.of(), NOW, null))
                .when(new UpdateTraits(ID, List.of(CRM), Map.of("plan", "gold"), null))
                .expectNoEvents()
                .expectResultMessagePayload(new TraitsUpdateResult(ID, false, false, 1));
    }

    @Test
    void aResentIdentifyMessageIsRecognisedAndCannotUndoANewerChange() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new TraitsChanged(ID, Map.of("plan", "gold"), List.of(), NOW, "identify-1"),
                        new TraitsChanged(ID, Map.of("plan", "silver"), List.of(), NOW, "identify-2"))
                .when(new UpdateTraits(ID, List.of(CRM), Map.of("plan", "gold"), "identify-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new TraitsUpdateResult(ID, false, true, 2));
    }

    @Test
    void anIdentifyMessageThatChangesNothingIsStillRemembered() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new TraitsChanged(ID, Map.of("plan", "gold"), List.of(), NOW, null))
                .when(new UpdateTraits(ID, List.of(CRM), Map.of("plan", "gold"), "identify-9"))
                .expectEvents(new TraitsChanged(ID, Map.of(), List.of(), NOW, "identify-9"));
    }

    @Test
    void aMessageWithOnlyIdentifiersLinksThem() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(new UpdateTraits(ID, List.of(CRM, EMAIL), null, "alias-1"))
                .expectEvents(new IdentifierAdded(ID, EMAIL, NOW));
    }

    @Test
    void anIdentifyAndATrackOfOneCustomerAreOneAppend() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(new RecordTouchpoints(
                        ID,
                        List.of(CRM),
                        List.of(purchase("m-1")),
                        List.of(new TraitsUpdate("identify-1", Map.of("plan", "gold")))))
                .expectEvents(
                        new TraitsChanged(ID, Map.of("plan", "gold"), List.of(), NOW, "identify-1"), recorded("m-1"))
                .expectResultMessagePayload(new TouchpointsRecorded(ID, 2, 0, 2));
    }

    @Test
    void aResentIdentifyInABatchIsADuplicate() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new TraitsChanged(ID, Map.of("plan", "gold"), List.of(), NOW, "identify-1"))
                .when(new RecordTouchpoints(
                        ID, List.of(CRM), List.of(), List.of(new TraitsUpdate("identify-1", Map.of("plan", "free")))))
                .expectNoEvents()
                .expectResultMessagePayload(new TouchpointsRecorded(ID, 0, 1, 1));
    }

    @Test
    void aCommandWithOnlyIdentifiersLinksThem() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(new RecordTouchpoints(ID, List.of(CRM, EMAIL), List.of(), List.of()))
                .expectEvents(new IdentifierAdded(ID, EMAIL, NOW));
    }

    @Test
    void resultReportsTheLastSequenceNumberForConsistencyTokens() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW), recorded("m-1"))
                .when(new RecordTouchpoints(ID, List.of(CRM), List.of(purchase("m-2"), purchase("m-3"))))
                .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.predicate(
                        r -> ((TouchpointsRecorded) r).lastSequence() == 3));
        assertThat(fixture).isNotNull();
    }
}
