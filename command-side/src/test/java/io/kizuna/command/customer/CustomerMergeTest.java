package io.kizuna.command.customer;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.RecordTouchpoints;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TouchpointsRecorded;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.merge.AbsorbCustomer;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerFacts;
import io.kizuna.api.merge.CustomerMergedException;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.MarkMerged;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.merge.MergeRefused;
import io.kizuna.api.merge.RecordMergeRefusal;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.command.journey.CurrentJourneyModels;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerMergeTest {

    private static final String SURVIVOR = "11111111-1111-1111-1111-111111111111";
    private static final String ABSORBED = "22222222-2222-2222-2222-222222222222";
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final Identifier ANON = Identifier.of("anonymousId", "a-1");
    private static final Identifier USER = Identifier.of("userId", "u-1");
    private static final MergeCause CAUSE = MergeCause.message("identify-1", "web");

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(CurrentJourneyModels.of());
    }

    private static TouchpointRecorded visit(String customerId, String messageId) {
        return new TouchpointRecorded(customerId, messageId, "web_visit", "web", NOW, NOW, null, null, Map.of());
    }

    @Test
    void theAbsorbedCustomerBecomesARedirectAndHandsOverItsIdentifiersAndMessageIds() {
        fixture.given(new CustomerRegistered(ABSORBED, ANON, NOW), visit(ABSORBED, "m-1"))
                .when(new MarkMerged(ABSORBED, SURVIVOR, CAUSE))
                .expectEvents(new CustomerMergedInto(ABSORBED, SURVIVOR, List.of(ANON), CAUSE, NOW))
                .expectResultMessagePayload(
                        new CustomerFacts(ABSORBED, NOW, List.of(ANON), SURVIVOR, Set.of(), Set.of("m-1")));
    }

    @Test
    void markingTheSameMergeTwiceChangesNothing() {
        fixture.given(
                        new CustomerRegistered(ABSORBED, ANON, NOW),
                        new CustomerMergedInto(ABSORBED, SURVIVOR, List.of(ANON), CAUSE, NOW))
                .when(new MarkMerged(ABSORBED, SURVIVOR, CAUSE))
                .expectNoEvents();
    }

    @Test
    void aMergedAwayCustomerRedirectsNewTouchpointsToItsSurvivor() {
        fixture.given(
                        new CustomerRegistered(ABSORBED, ANON, NOW),
                        new CustomerMergedInto(ABSORBED, SURVIVOR, List.of(ANON), CAUSE, NOW))
                .when(new RecordTouchpoints(
                        ABSORBED,
                        List.of(ANON),
                        List.of(new Touchpoint("m-2", "web_visit", "web", NOW, null, null, null))))
                .expectNoEvents()
                .expectException(CustomerMergedException.class);
    }

    @Test
    void theSurvivorTakesOverTheAbsorbedIdentifiersAndMessageIds() {
        fixture.given(new CustomerRegistered(SURVIVOR, USER, NOW))
                .when(new AbsorbCustomer(SURVIVOR, ABSORBED, List.of(ANON), Set.of("m-1"), Set.of(), CAUSE))
                .expectEvents(
                        new CustomerAbsorbed(SURVIVOR, ABSORBED, List.of(ANON), Set.of("m-1"), Set.of(), CAUSE, NOW));
    }

    @Test
    void aRetryOfAnAbsorbedCustomersMessageStaysADuplicateOnTheSurvivor() {
        fixture.given(
                        new CustomerRegistered(SURVIVOR, USER, NOW),
                        new CustomerAbsorbed(SURVIVOR, ABSORBED, List.of(ANON), Set.of("m-1"), Set.of(), CAUSE, NOW))
                .when(new RecordTouchpoints(
                        SURVIVOR,
                        List.of(ANON),
                        List.of(new Touchpoint("m-1", "web_visit", "web", NOW, null, null, null))))
                .expectNoEvents()
                .expectResultMessagePayload(new TouchpointsRecorded(SURVIVOR, 0, 1, 1));
    }

    @Test
    void absorbingTheSameCustomerTwiceChangesNothing() {
        fixture.given(
                        new CustomerRegistered(SURVIVOR, USER, NOW),
                        new CustomerAbsorbed(SURVIVOR, ABSORBED, List.of(ANON), Set.of(), Set.of(), CAUSE, NOW))
                .when(new AbsorbCustomer(SURVIVOR, ABSORBED, List.of(ANON), Set.of(), Set.of(), CAUSE))
                .expectNoEvents();
    }

    @Test
    void aCustomerAbsorbedThroughAnotherIsNotAbsorbedTwice() {
        fixture.given(
                        new CustomerRegistered(SURVIVOR, USER, NOW),
                        new CustomerAbsorbed(SURVIVOR, "middle", List.of(), Set.of(), Set.of(ABSORBED), CAUSE, NOW))
                .when(new AbsorbCustomer(SURVIVOR, ABSORBED, List.of(ANON), Set.of(), Set.of(), CAUSE))
                .expectNoEvents();
    }

    @Test
    void aRefusedMergeIsRecordedWithItsReason() {
        fixture.given(new CustomerRegistered(SURVIVOR, USER, NOW))
                .when(new RecordMergeRefusal(SURVIVOR, ABSORBED, "two userIds", CAUSE))
                .expectEvents(new MergeRefused(SURVIVOR, ABSORBED, "two userIds", CAUSE, NOW));
    }
}
