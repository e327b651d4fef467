package io.kizuna.command.segment;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.merge.CustomerMergedException;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.RecordSegmentMemberships;
import io.kizuna.api.segment.ScheduleSegmentRecheck;
import io.kizuna.api.segment.SegmentRecheckDue;
import io.kizuna.api.segment.SegmentRecheckScheduled;
import io.kizuna.command.customer.Customer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Segment memberships of the customer aggregate, one behaviour per test. */
class CustomerSegmentsTest {

    private static final String ID = "0b4f7a2e-9c1d-4e3f-8a5b-6c7d8e9f0a1b";
    private static final Identifier CRM = Identifier.of("crm", "C-7");
    // in the future of any run, so that the fixture's clock can advance to the deadlines
    private static final Instant NOW = Instant.parse("2030-01-10T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));
    private static final Instant MIDNIGHT = Instant.parse("2030-01-11T00:00:00Z");

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    private static RecordSegmentMemberships evaluation(Instant at, Map<String, Integer> evaluated, String... matching) {
        return new RecordSegmentMemberships(ID, evaluated, Set.of(matching), "event", "m1", 41L, at);
    }

    private static CustomerEnteredSegment entered(String segment, int version, Instant at) {
        return new CustomerEnteredSegment(ID, segment, version, at, "event", "m1", 41L);
    }

    private static CustomerLeftSegment left(String segment, int version, Instant at) {
        return new CustomerLeftSegment(ID, segment, version, at, "event", "m1", 41L);
    }

    @Test
    void aMatchingSegmentTheCustomerIsNotInIsEnteredWithItsVersionAndCause() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(evaluation(NOW, Map.of("buyers", 3, "vip", 1), "buyers"))
                .expectEvents(entered("buyers", 3, NOW));
    }

    @Test
    void aSegmentTheCustomerNoLongerMatchesIsLeft() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW), entered("buyers", 3, NOW))
                .when(evaluation(LATER, Map.of("buyers", 3)))
                .expectEvents(left("buyers", 3, LATER));
    }

    @Test
    void repeatingAnEvaluationChangesNothing() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW), entered("buyers", 3, NOW))
                .when(evaluation(LATER, Map.of("buyers", 3, "vip", 1), "buyers"))
                .expectNoEvents();
    }

    @Test
    void anEvaluationOlderThanTheLastChangeOfASegmentDoesNotUndoIt() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW), entered("buyers", 3, LATER))
                // made before the entry was recorded, arriving after it: ignored for buyers, still decides vip
                .when(evaluation(NOW, Map.of("buyers", 3, "vip", 1), "vip"))
                .expectEvents(entered("vip", 1, NOW));
    }

    @Test
    void anEvaluationOfAnOlderVersionOfASegmentDoesNotUndoANewerOne() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW), entered("buyers", 4, NOW))
                .when(evaluation(LATER, Map.of("buyers", 3)))
                .expectNoEvents();
    }

    @Test
    void aCustomerMergedAwayRefusesMemberships() {
        fixture.given(
                        new CustomerRegistered(ID, CRM, NOW),
                        new CustomerMergedInto(
                                ID, "survivor", List.of(CRM), MergeCause.message("identify-1", "web"), NOW))
                .when(evaluation(LATER, Map.of("buyers", 3), "buyers"))
                .expectException(CustomerMergedException.class)
                .expectNoEvents();
    }

    @Test
    void aRecheckIsRecordedWithADeadlineAtItsTime() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .when(new ScheduleSegmentRecheck(ID, MIDNIGHT))
                .expectEvents(new SegmentRecheckScheduled(ID, MIDNIGHT))
                .expectScheduledDeadlineWithName(MIDNIGHT, SegmentRecheck.DEADLINE_NAME);
    }

    @Test
    void aRecheckLaterThanThePendingOneIsNotScheduled() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW), new SegmentRecheckScheduled(ID, MIDNIGHT))
                .when(new ScheduleSegmentRecheck(ID, MIDNIGHT.plus(Duration.ofDays(1))))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRecheckEarlierThanThePendingOneReplacesIt() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW), new SegmentRecheckScheduled(ID, MIDNIGHT))
                .when(new ScheduleSegmentRecheck(ID, LATER))
                .expectEvents(new SegmentRecheckScheduled(ID, LATER))
                .expectScheduledDeadlineWithName(LATER, SegmentRecheck.DEADLINE_NAME);
    }

    @Test
    void theDeadlineOfThePendingRecheckRecordsThatItIsDue() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .andGivenCommands(new ScheduleSegmentRecheck(ID, MIDNIGHT))
                .whenTimeAdvancesTo(MIDNIGHT.plusSeconds(1))
                .expectEvents(new SegmentRecheckDue(ID, MIDNIGHT));
    }

    @Test
    void aDeadlineSupersededByAnEarlierRecheckIsIgnored() {
        Instant earlier = MIDNIGHT.minus(Duration.ofHours(1));
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .andGivenCommands(new ScheduleSegmentRecheck(ID, MIDNIGHT), new ScheduleSegmentRecheck(ID, earlier))
                // both deadlines fire: the earlier one is due, the one it superseded finds nothing pending
                .whenTimeAdvancesTo(MIDNIGHT.plusSeconds(1))
                .expectEvents(new SegmentRecheckDue(ID, earlier));
    }

    @Test
    void aCustomerMergedAwayIgnoresItsRecheckDeadline() {
        fixture.given(new CustomerRegistered(ID, CRM, NOW))
                .andGivenCommands(new ScheduleSegmentRecheck(ID, MIDNIGHT))
                .andGiven(new CustomerMergedInto(
                        ID, "survivor", List.of(CRM), MergeCause.message("identify-1", "web"), NOW))
                .whenTimeAdvancesTo(MIDNIGHT.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void aMergedAwayCustomerLeavesItsSegmentsWithTheMerge() {
        fixture.registerInjectableResource(java.time.Clock.fixed(LATER, java.time.ZoneOffset.UTC));
        fixture.given(new CustomerRegistered(ID, CRM, NOW), entered("buyers", 3, NOW), entered("vip", 1, NOW))
                .when(new io.kizuna.api.merge.MarkMerged(ID, "survivor", MergeCause.message("identify-1", "web")))
                .expectEvents(
                        new CustomerLeftSegment(ID, "buyers", 3, LATER, "merge", null, null),
                        new CustomerLeftSegment(ID, "vip", 1, LATER, "merge", null, null),
                        new CustomerMergedInto(
                                ID, "survivor", List.of(CRM), MergeCause.message("identify-1", "web"), LATER));
    }
}
