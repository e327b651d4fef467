package io.kizuna.command.customer;

import io.kizuna.api.consent.ConsentChange;
import io.kizuna.api.consent.ConsentGiven;
import io.kizuna.api.consent.ConsentRecorded;
import io.kizuna.api.consent.ConsentWithdrawn;
import io.kizuna.api.consent.RecordConsent;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.RecordTouchpoints;
import io.kizuna.api.customer.TouchpointsRecorded;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.merge.CustomerMergedException;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.command.journey.CurrentJourneyModels;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consent on the customer: what is recorded, and what repeats and retries leave alone. */
class CustomerConsentTest {

    private static final String ID = "2f0c3c1e-8d6a-4a51-9a0e-0d3f8d7d1a11";
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-10-31T09:30:00Z");
    private static final Identifier CRM = Identifier.of("crm", "C-1001");

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(CurrentJourneyModels.of());
    }

    private static RecordConsent give(String purpose, String channel) {
        return new RecordConsent(ID, List.of(new ConsentChange(purpose, channel, true, NOW, null)), null);
    }

    private static RecordConsent withdraw(String purpose, String channel) {
        return new RecordConsent(ID, List.of(new ConsentChange(purpose, channel, false, NOW, null)), null);
    }

    @Test
    void givingConsentRecordsIt() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(give("email_marketing", null))
                .expectEvents(new ConsentGiven(ID, "email_marketing", null, NOW, null, null))
                .expectResultMessagePayload(new ConsentRecorded(ID, 1, 1));
    }

    @Test
    void withdrawingGivenConsentRecordsTheWithdrawal() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new ConsentGiven(ID, "email_marketing", "email", EARLIER, null, null))
                .when(withdraw("email_marketing", "email"))
                .expectEvents(new ConsentWithdrawn(ID, "email_marketing", "email", NOW, null, null));
    }

    @Test
    void givingTheSameConsentAgainRecordsNothing() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new ConsentGiven(ID, "email_marketing", null, EARLIER, null, null))
                .when(give("email_marketing", null))
                .expectNoEvents()
                .expectResultMessagePayload(new ConsentRecorded(ID, 0, 1));
    }

    @Test
    void withdrawingConsentNeverGivenRecordsTheRefusal() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(withdraw("analytics", null))
                .expectEvents(new ConsentWithdrawn(ID, "analytics", null, NOW, null, null));
    }

    @Test
    void withdrawingTwiceRecordsOnce() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new ConsentWithdrawn(ID, "analytics", null, EARLIER, null, null))
                .when(withdraw("analytics", null))
                .expectNoEvents();
    }

    @Test
    void aChannelAnswerAlreadyCoveredByTheAnswerForEveryChannelRecordsNothing() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new ConsentGiven(ID, "email_marketing", null, EARLIER, null, null))
                .when(give("email_marketing", "email"))
                .expectNoEvents();
    }

    @Test
    void aRetriedMessageDoesNotUndoANewerAnswer() {
        ConsentChange oldGive = new ConsentChange("analytics", null, true, EARLIER, "m-1");
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new ConsentGiven(ID, "analytics", null, EARLIER, "src", "m-1"),
                        new ConsentWithdrawn(ID, "analytics", null, NOW, "src", "m-2"))
                .when(new RecordConsent(ID, List.of(oldGive), "src"))
                .expectNoEvents();
    }

    @Test
    void anAnswerDatedBeforeTheOneInForceIsLeftOut() {
        ConsentChange late = new ConsentChange("analytics", null, true, EARLIER, "m-late");
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new ConsentWithdrawn(ID, "analytics", null, NOW, "src", "m-2"))
                .when(new RecordConsent(ID, List.of(late), "src"))
                .expectNoEvents();
    }

    @Test
    void consentOfAMessageIsRecordedInTheSameAppendAsItsCustomer() {
        ConsentChange change = new ConsentChange("advertising", null, true, EARLIER, "m-1");
        fixture.givenNoPriorActivity()
                .when(new RecordTouchpoints(ID, List.of(CRM), List.of(), List.of(), "src", List.of(change)))
                .expectEvents(
                        new CustomerRegistered(ID, CRM, NOW),
                        new ConsentGiven(ID, "advertising", null, EARLIER, "src", "m-1"))
                .expectResultMessagePayload(new TouchpointsRecorded(ID, 0, 0, 1));
    }

    @Test
    void aPurposeThatIsNotLowerSnakeCaseIsRefusedNamingIt() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(give("Email Marketing", null))
                .expectNoEvents()
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(Matchers.containsString("consent[0].purpose"));
    }

    @Test
    void aMergedAwayCustomerSendsConsentToItsSurvivor() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new CustomerMergedInto(ID, "survivor", List.of(CRM), null, NOW))
                .when(give("analytics", null))
                .expectNoEvents()
                .expectException(CustomerMergedException.class);
    }
}
