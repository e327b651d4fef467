package io.kizuna.command.customer;

import io.kizuna.api.consent.ConsentChange;
import io.kizuna.api.consent.RecordConsent;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.merge.AbsorbCustomer;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.MarkMerged;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.privacy.CustomerForgotten;
import io.kizuna.api.privacy.ForgetCustomer;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.command.journey.CurrentJourneyModels;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerForgetTest {

    private static final String ID = "11111111-1111-1111-1111-111111111111";
    private static final Instant EARLIER = Instant.parse("2026-10-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final Identifier EMAIL = Identifier.of("email", "a@example.com");

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(CurrentJourneyModels.of());
    }

    @Test
    void forgettingRecordsWhenAndWhy() {
        fixture.given(new CustomerRegistered(ID, EMAIL, EARLIER))
                .when(new ForgetCustomer(ID, "erasure request 42"))
                .expectEvents(new CustomerForgotten(ID, "erasure request 42", NOW))
                .expectResultMessagePayload(NOW);
    }

    @Test
    void forgettingTwiceChangesNothingAndAnswersTheFirstTime() {
        fixture.given(new CustomerRegistered(ID, EMAIL, EARLIER), new CustomerForgotten(ID, "first", EARLIER))
                .when(new ForgetCustomer(ID, "again"))
                .expectNoEvents()
                .expectResultMessagePayload(EARLIER);
    }

    @Test
    void aMergedAwayCustomerIsForgottenToo() {
        fixture.given(
                        new CustomerRegistered(ID, EMAIL, EARLIER),
                        new CustomerMergedInto(ID, "survivor", List.of(EMAIL), MergeCause.user("api", "same"), EARLIER))
                .when(new ForgetCustomer(ID, "erasure"))
                .expectEvents(new CustomerForgotten(ID, "erasure", NOW));
    }

    @Test
    void aForgottenCustomerTakesNoNewConsent() {
        fixture.given(new CustomerRegistered(ID, EMAIL, EARLIER), new CustomerForgotten(ID, "erasure", EARLIER))
                .when(new RecordConsent(ID, List.of(new ConsentChange("email_marketing", null, true, NOW, null)), null))
                .expectNoEvents()
                .expectException(InvalidInputException.class);
    }

    @Test
    void aForgottenCustomerAbsorbsNoOne() {
        fixture.given(new CustomerRegistered(ID, EMAIL, EARLIER), new CustomerForgotten(ID, "erasure", EARLIER))
                .when(new AbsorbCustomer(
                        ID,
                        "other",
                        List.of(Identifier.of("email", "b@example.com")),
                        Set.of("m-1"),
                        Set.of(),
                        MergeCause.user("api", "same")))
                .expectNoEvents()
                .expectException(InvalidInputException.class);
    }

    @Test
    void aForgottenCustomerIsMergedIntoNoOne() {
        fixture.given(new CustomerRegistered(ID, EMAIL, EARLIER), new CustomerForgotten(ID, "erasure", EARLIER))
                .when(new MarkMerged(ID, "survivor", MergeCause.user("api", "same")))
                .expectNoEvents()
                .expectException(InvalidInputException.class);
    }
}
