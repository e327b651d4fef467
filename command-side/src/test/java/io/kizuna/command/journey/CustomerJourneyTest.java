package io.kizuna.command.journey;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.RecordTouchpoints;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.EntryRule;
import io.kizuna.api.journey.InactivityRule;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyReevaluated;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.journey.LocalizedText;
import io.kizuna.api.journey.ReevaluateJourney;
import io.kizuna.api.journey.TouchpointCondition;
import io.kizuna.api.touchpoint.Money;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.command.customer.Customer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stage decisions of the customer aggregate, one behaviour per test, under a small model of four stages. */
class CustomerJourneyTest {

    private static final String ID = "6a1d2c0e-5b7f-4c1e-9d2a-3e4f5a6b7c8d";
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final Identifier CRM = Identifier.of("crm", "C-42");

    /** visit → engaged → buyer → loyal; a loyal customer who buys nothing for 30 days is engaged again. */
    static final JourneyModelDefinition SHOP = new JourneyModelDefinition(
            "shop",
            new LocalizedText("Shop", "ショップ"),
            List.of(stage("visit"), stage("engaged"), stage("buyer"), stage("loyal")),
            List.of(),
            List.of(
                    new EntryRule("visit", TouchpointCondition.ofTypes("web_visit")),
                    new EntryRule("engaged", TouchpointCondition.ofTypes("product_viewed")),
                    new EntryRule("buyer", TouchpointCondition.ofTypes("purchase")),
                    new EntryRule(
                            "loyal", TouchpointCondition.ofTypes("purchase").withCountAtLeast(2))),
            List.of(new InactivityRule("loyal", Duration.ofDays(30), List.of("purchase"), "engaged")),
            true,
            false);

    private final AtomicReference<List<JourneyModel>> models =
            new AtomicReference<>(List.of(new JourneyModel(SHOP, 1, false, NOW)));
    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((CurrentJourneyModels) models::get);
    }

    private static JourneyStageDefinition stage(String id) {
        return new JourneyStageDefinition(id, new LocalizedText(id, id), null);
    }

    private static Touchpoint touchpoint(String messageId, String type, Instant at) {
        Money value = type.equals("purchase") ? new Money(new BigDecimal("1000"), "JPY") : null;
        return new Touchpoint(messageId, type, "web", at, null, value, Map.of());
    }

    private static TouchpointRecorded recorded(String messageId, String type, Instant at) {
        Touchpoint t = touchpoint(messageId, type, at);
        return new TouchpointRecorded(
                ID, messageId, t.type(), t.channel(), at, NOW, t.campaign(), t.value(), t.properties());
    }

    private static JourneyStageEntered entered(String from, String to, Instant at, String messageId) {
        return new JourneyStageEntered(ID, "shop", 1, from, to, at, JourneyStageEntered.TOUCHPOINT, messageId, NOW);
    }

    private static RecordTouchpoints record(Touchpoint... touchpoints) {
        return new RecordTouchpoints(ID, List.of(CRM), List.of(touchpoints));
    }

    private static final Instant DAY1 = Instant.parse("2026-10-20T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-10-21T09:00:00Z");
    private static final Instant DAY3 = Instant.parse("2026-10-22T09:00:00Z");

    @Test
    void aTouchpointMatchingARuleMovesTheCustomerIntoItsStage() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(record(touchpoint("m1", "web_visit", DAY1)))
                .expectEvents(recorded("m1", "web_visit", DAY1), entered(null, "visit", DAY1, "m1"));
    }

    @Test
    void aTouchpointMatchingNoRuleLeavesTheStageAsItIs() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(record(touchpoint("m1", "email_open", DAY1)))
                .expectEvents(recorded("m1", "email_open", DAY1));
    }

    @Test
    void aCustomerMayEnterALaterStageFirst() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(record(touchpoint("m1", "purchase", DAY1)))
                .expectEvents(recorded("m1", "purchase", DAY1), entered(null, "buyer", DAY1, "m1"));
    }

    @Test
    void theSecondPurchaseByBusinessTimeMakesTheCustomerLoyal() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "purchase", DAY1),
                        entered(null, "buyer", DAY1, "m1"))
                .when(record(touchpoint("m2", "purchase", DAY2)))
                .expectEvents(recorded("m2", "purchase", DAY2), entered("buyer", "loyal", DAY2, "m2"));
    }

    @Test
    void oneBatchIsDecidedInBusinessTimeOrder() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(record(touchpoint("m2", "purchase", DAY2), touchpoint("m1", "web_visit", DAY1)))
                .expectEvents(
                        recorded("m2", "purchase", DAY2),
                        recorded("m1", "web_visit", DAY1),
                        entered(null, "visit", DAY1, "m1"),
                        entered("visit", "buyer", DAY2, "m2"));
    }

    @Test
    void aLateTouchpointNeverMovesTheCustomerBack() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m2", "purchase", DAY2),
                        entered(null, "buyer", DAY2, "m2"))
                .when(record(touchpoint("m0", "product_viewed", DAY1)))
                .expectEvents(recorded("m0", "product_viewed", DAY1));
    }

    @Test
    void aTouchpointOfAnEarlierStageDoesNotTakeTheInactivityRulesWayBack() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "purchase", DAY1),
                        entered(null, "buyer", DAY1, "m1"),
                        recorded("m2", "purchase", DAY2),
                        entered("buyer", "loyal", DAY2, "m2"))
                .when(record(touchpoint("m3", "product_viewed", DAY3)))
                .expectEvents(recorded("m3", "product_viewed", DAY3));
    }

    @Test
    void aLateTouchpointThatMovesForwardIsDatedWhenTheCurrentStageWasEntered() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m3", "product_viewed", DAY3),
                        entered(null, "engaged", DAY3, "m3"))
                .when(record(touchpoint("m1", "purchase", DAY1)))
                .expectEvents(recorded("m1", "purchase", DAY1), entered("engaged", "buyer", DAY3, "m1"));
    }

    @Test
    void aLatePurchaseCountsTowardsTheSecondPurchase() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m3", "purchase", DAY3),
                        entered(null, "buyer", DAY3, "m3"))
                .when(record(touchpoint("m1", "purchase", DAY1)))
                // by business time the late one is the first purchase: it is not the second, so nothing moves
                .expectEvents(recorded("m1", "purchase", DAY1));
    }

    @Test
    void enteringAStageWithAnInactivityRuleSchedulesItsDeadline() {
        Instant due = DAY2.plus(Duration.ofDays(30));
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "purchase", DAY1),
                        entered(null, "buyer", DAY1, "m1"))
                .when(record(touchpoint("m2", "purchase", DAY2)))
                .expectScheduledDeadlineWithName(due, InactivityCheck.DEADLINE_NAME);
    }

    @Test
    void aCustomerWhoStaysInactiveLapsesWhenTheDeadlineFalls() {
        Instant loyalSince = NOW.minus(Duration.ofDays(1));
        Instant due = loyalSince.plus(Duration.ofDays(30));
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "purchase", loyalSince.minus(Duration.ofDays(2))),
                        entered(null, "buyer", loyalSince.minus(Duration.ofDays(2)), "m1"))
                .andGivenCommands(record(touchpoint("m2", "purchase", loyalSince)))
                .whenTimeAdvancesTo(due.plusSeconds(1))
                .expectEvents(new JourneyStageEntered(
                        ID, "shop", 1, "loyal", "engaged", due, JourneyStageEntered.DEADLINE, null, due));
    }

    @Test
    void aPurchaseBeforeTheDeadlineKeepsTheCustomerLoyalAndMovesTheDeadline() {
        Instant loyalSince = NOW.minus(Duration.ofDays(1));
        Instant firstDue = loyalSince.plus(Duration.ofDays(30));
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "purchase", loyalSince.minus(Duration.ofDays(2))),
                        entered(null, "buyer", loyalSince.minus(Duration.ofDays(2)), "m1"))
                .andGivenCommands(
                        record(touchpoint("m2", "purchase", loyalSince)), record(touchpoint("m3", "purchase", NOW)))
                .whenTimeAdvancesTo(firstDue.plusSeconds(1))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(NOW.plus(Duration.ofDays(30)), InactivityCheck.DEADLINE_NAME);
    }

    @Test
    void historyImportedLongAfterTheDeadlineLapsesAtOnce() {
        Instant first = Instant.parse("2025-01-10T10:00:00Z");
        Instant second = Instant.parse("2025-02-10T10:00:00Z");
        Instant due = second.plus(Duration.ofDays(30));
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(record(touchpoint("m1", "purchase", first), touchpoint("m2", "purchase", second)))
                .expectEvents(
                        recorded("m1", "purchase", first),
                        recorded("m2", "purchase", second),
                        entered(null, "buyer", first, "m1"),
                        entered("buyer", "loyal", second, "m2"),
                        new JourneyStageEntered(
                                ID, "shop", 1, "loyal", "engaged", due, JourneyStageEntered.DEADLINE, null, NOW));
    }

    @Test
    void reevaluationUnderANewVersionMovesTheCustomerAndKeepsTheOldTransitions() {
        models.set(List.of(new JourneyModel(viewingIsBuying(), 2, false, NOW)));
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "product_viewed", DAY1),
                        entered(null, "engaged", DAY1, "m1"))
                .when(new ReevaluateJourney(ID, "shop", 2))
                .expectEvents(new JourneyStageEntered(
                        ID, "shop", 2, "engaged", "buyer", DAY1, JourneyStageEntered.REEVALUATION, null, NOW));
    }

    @Test
    void reevaluationThatKeepsTheStageRecordsTheVersion() {
        models.set(List.of(new JourneyModel(SHOP, 2, false, NOW)));
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "product_viewed", DAY1),
                        entered(null, "engaged", DAY1, "m1"))
                .when(new ReevaluateJourney(ID, "shop", 2))
                .expectEvents(new JourneyReevaluated(ID, "shop", 2, "engaged", NOW));
    }

    @Test
    void reevaluatingTwiceChangesNothing() {
        models.set(List.of(new JourneyModel(SHOP, 2, false, NOW)));
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "product_viewed", DAY1),
                        entered(null, "engaged", DAY1, "m1"),
                        new JourneyReevaluated(ID, "shop", 2, "engaged", NOW))
                .when(new ReevaluateJourney(ID, "shop", 2))
                .expectNoEvents();
    }

    @Test
    void aTouchpointForACustomerUnderAnOldVersionReevaluatesItFirst() {
        models.set(List.of(new JourneyModel(viewingIsBuying(), 2, false, NOW)));
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "product_viewed", DAY1),
                        entered(null, "engaged", DAY1, "m1"))
                .when(record(touchpoint("m2", "email_open", DAY2)))
                .expectEvents(
                        recorded("m2", "email_open", DAY2),
                        new JourneyStageEntered(
                                ID, "shop", 2, "engaged", "buyer", DAY1, JourneyStageEntered.REEVALUATION, null, NOW));
    }

    @Test
    void aCustomerWithHistoryBeforeTheModelExistedIsReevaluatedBeforeItsNextTouchpointCounts() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW), recorded("m1", "purchase", DAY1))
                .when(record(touchpoint("m2", "web_visit", DAY2)))
                .expectEvents(
                        recorded("m2", "web_visit", DAY2),
                        new JourneyStageEntered(
                                ID, "shop", 1, null, "buyer", DAY1, JourneyStageEntered.REEVALUATION, null, NOW));
    }

    @Test
    void aVersionThatOnlyChangesLabelsNeedsNoReevaluation() {
        models.set(List.of(new JourneyModel(SHOP, 2, false, NOW, 1)));
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "product_viewed", DAY1),
                        entered(null, "engaged", DAY1, "m1"))
                .when(new ReevaluateJourney(ID, "shop", 2))
                .expectNoEvents();
    }

    @Test
    void aDeadlineOfOlderRulesIsVoid() {
        Instant loyalSince = NOW.minus(Duration.ofDays(1));
        Instant due = loyalSince.plus(Duration.ofDays(30));
        var given = fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        recorded("m1", "purchase", loyalSince.minus(Duration.ofDays(2))),
                        entered(null, "buyer", loyalSince.minus(Duration.ofDays(2)), "m1"))
                .andGivenCommands(record(touchpoint("m2", "purchase", loyalSince)));
        // the rules changed (version 2) and the customer was re-evaluated under them: its deadline of version 1 is void
        models.set(List.of(new JourneyModel(SHOP, 2, false, NOW, 2)));
        given.andGiven(new JourneyReevaluated(ID, "shop", 2, "loyal", NOW))
                .whenTimeAdvancesTo(due.plusSeconds(1))
                .expectNoEvents();
    }

    /** Version 2 of the shop model: viewing a product already counts as buying. */
    private static JourneyModelDefinition viewingIsBuying() {
        List<EntryRule> rules = new ArrayList<>(SHOP.rules());
        rules.set(1, new EntryRule("buyer", TouchpointCondition.ofTypes("product_viewed")));
        return new JourneyModelDefinition(
                SHOP.id(),
                SHOP.labels(),
                SHOP.stages(),
                SHOP.transitions(),
                rules,
                SHOP.inactivityRules(),
                true,
                false);
    }
}
