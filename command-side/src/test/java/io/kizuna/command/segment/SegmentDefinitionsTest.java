package io.kizuna.command.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.segment.DefineSegment;
import io.kizuna.api.segment.RecordSegmentEvaluationFinished;
import io.kizuna.api.segment.Segment;
import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefined;
import io.kizuna.api.segment.SegmentDefinition;
import io.kizuna.api.segment.SegmentEvaluationFinished;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SegmentDefinitionsTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final String BUYERS_RULE = "touchpoints(type: purchase, within: 90d) >= 3";
    private static final SegmentDefinition BUYERS =
            new SegmentDefinition("frequent_buyers", "Frequent buyers", "Three in 90 days", BUYERS_RULE);

    private FixtureConfiguration<SegmentDefinitions> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SegmentDefinitions.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SegmentDefined defined(SegmentDefinition d, int version, boolean builtIn) {
        return new SegmentDefined(SegmentCatalog.ID, d, version, builtIn, NOW);
    }

    private static SegmentDefinition segment(String id, String rule) {
        return new SegmentDefinition(id, id, null, rule);
    }

    @Test
    void aNewSegmentIsVersionOneWithItsRuleInCanonicalForm() {
        SegmentDefinition written = new SegmentDefinition(
                "frequent_buyers",
                "  Frequent buyers ",
                "Three in 90 days",
                "TOUCHPOINTS( type:purchase,within:90d )>=3");
        fixture.givenNoPriorActivity()
                .when(new DefineSegment(written))
                .expectEvents(defined(BUYERS, 1, false))
                .expectResultMessagePayload(new Segment(BUYERS, 1, false, NOW));
    }

    @Test
    void aSegmentWithoutAnIdGetsOneFromItsName() {
        fixture.givenNoPriorActivity()
                .when(new DefineSegment(
                        new SegmentDefinition(null, "Frequent buyers", "Three in 90 days", BUYERS_RULE)))
                .expectEvents(defined(BUYERS, 1, false));
    }

    @Test
    void redefiningASegmentMakesTheNextVersion() {
        SegmentDefinition stricter = new SegmentDefinition(
                "frequent_buyers",
                "Frequent buyers",
                "Five in 90 days",
                "touchpoints(type: purchase, within: 90d) >= 5");
        fixture.given(defined(BUYERS, 1, false))
                .when(new DefineSegment(stricter))
                .expectEvents(defined(stricter, 2, false))
                .expectResultMessagePayload(new Segment(stricter, 2, false, NOW));
    }

    @Test
    void definingTheSameSegmentAgainStoresNothingEvenWrittenDifferently() {
        SegmentDefinition sameRule = new SegmentDefinition(
                "frequent_buyers",
                "Frequent buyers",
                "Three in 90 days",
                "touchpoints(within: 90d, types: purchase) >= 3");
        fixture.given(defined(BUYERS, 1, false))
                .when(new DefineSegment(sameRule))
                .expectNoEvents()
                .expectResultMessagePayload(new Segment(BUYERS, 1, false, NOW));
    }

    @Test
    void aBuiltInDefinitionNeverReplacesASegmentThatExists() {
        SegmentDefinition builtIn = new SegmentDefinition(
                "frequent_buyers", "Frequent buyers", null, "touchpoints(type: purchase, within: 90d) >= 10");
        fixture.given(defined(BUYERS, 1, false))
                .when(new DefineSegment(SegmentCatalog.ID, builtIn, true))
                .expectNoEvents()
                .expectResultMessagePayload(new Segment(BUYERS, 1, false, NOW));
    }

    @Test
    void aBuiltInDefinitionOfANewSegmentIsStoredAsBuiltIn() {
        fixture.givenNoPriorActivity()
                .when(new DefineSegment(SegmentCatalog.ID, BUYERS, true))
                .expectEvents(defined(BUYERS, 1, true));
    }

    @Test
    void anUnreadableRuleIsRefusedNamingTheRuleAndTheColumn() {
        fixture.givenNoPriorActivity()
                .when(new DefineSegment(segment("buyers", "touchpoints(type: purchase) and consent(email)")))
                .expectNoEvents()
                .expectException(violation(
                        "rule",
                        "column 29: expected a comparison (>=, >, <=, <, =, !=) after touchpoints(...), found 'and'"));
    }

    @Test
    void aTooExpensiveRuleIsRefusedWithTheReason() {
        fixture.givenNoPriorActivity()
                .when(new DefineSegment(segment("buyers", "touchpoints(within: 11y) >= 1")))
                .expectNoEvents()
                .expectException(violation(
                        "rule", "too expensive: column 1: touchpoints(...): a window of 11y is longer than 10 years"));
    }

    @Test
    void aRuleMayReferOnlyToSegmentsThatExist() {
        fixture.given(defined(BUYERS, 1, false))
                .when(new DefineSegment(segment("loyal", "segment(vip) and segment(frequent_buyers)")))
                .expectNoEvents()
                .expectException(violation("rule", "segment(vip): there is no segment vip; define it first"));
    }

    @Test
    void aRuleReferringToAnExistingSegmentIsStored() {
        SegmentDefinition loyal = segment("loyal", "segment(frequent_buyers) and consent(email_marketing)");
        fixture.given(defined(BUYERS, 1, false)).when(new DefineSegment(loyal)).expectEvents(defined(loyal, 1, false));
    }

    @Test
    void aSegmentMayNotReferToItself() {
        fixture.given(defined(BUYERS, 1, false))
                .when(new DefineSegment(segment("frequent_buyers", "segment(frequent_buyers) or trait(vip) = true")))
                .expectNoEvents()
                .expectException(violation(
                        "rule",
                        "segment(frequent_buyers) makes a cycle: frequent_buyers → frequent_buyers; a segment may not"
                                + " refer to itself, even through others"));
    }

    @Test
    void aCycleThroughOtherSegmentsIsRefusedAndNamed() {
        fixture.given(
                        defined(segment("a", "trait(vip) = true"), 1, false),
                        defined(segment("b", "segment(a)"), 1, false),
                        defined(segment("c", "segment(b) and consent(email)"), 1, false))
                .when(new DefineSegment(segment("a", "segment(c) or trait(vip) = true")))
                .expectNoEvents()
                .expectException(violation(
                        "rule",
                        "segment(c) makes a cycle: a → c → b → a; a segment may not refer to itself, even through"
                                + " others"));
    }

    @Test
    void idNameAndDescriptionAreCheckedTogetherWithTheRule() {
        fixture.givenNoPriorActivity()
                .when(new DefineSegment(new SegmentDefinition("Frequent-Buyers", " ", "x".repeat(1001), "segment(")))
                .expectNoEvents()
                .expectException(new TypeSafeMatcher<InvalidInputException>() {
                    @Override
                    protected boolean matchesSafely(InvalidInputException e) {
                        assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("name", "id", "description", "rule");
                        return true;
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("violations of name, id, description and rule");
                    }
                });
    }

    @Test
    void aFinishedEvaluationIsNoted() {
        Instant evaluatedAt = NOW.minusSeconds(30);
        fixture.given(defined(BUYERS, 1, false))
                .when(new RecordSegmentEvaluationFinished(SegmentCatalog.ID, "frequent_buyers", 1, 120, 7, evaluatedAt))
                .expectEvents(new SegmentEvaluationFinished(
                        SegmentCatalog.ID, "frequent_buyers", 1, 120, 7, evaluatedAt, NOW));
    }

    private static TypeSafeMatcher<InvalidInputException> violation(String field, String message) {
        Violation expected = new Violation(field, message);
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidInputException e) {
                return e.violations().equals(java.util.List.of(expected));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("exactly the violation " + expected);
            }

            @Override
            protected void describeMismatchSafely(InvalidInputException e, Description description) {
                description.appendText("was " + e.violations());
            }
        };
    }
}
