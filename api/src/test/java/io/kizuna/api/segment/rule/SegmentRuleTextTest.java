package io.kizuna.api.segment.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.segment.rule.SegmentRule.And;
import io.kizuna.api.segment.rule.SegmentRule.Consent;
import io.kizuna.api.segment.rule.SegmentRule.DaysSince;
import io.kizuna.api.segment.rule.SegmentRule.HasIdentifier;
import io.kizuna.api.segment.rule.SegmentRule.InSegment;
import io.kizuna.api.segment.rule.SegmentRule.Monetary;
import io.kizuna.api.segment.rule.SegmentRule.MonetaryMeasure;
import io.kizuna.api.segment.rule.SegmentRule.Not;
import io.kizuna.api.segment.rule.SegmentRule.Or;
import io.kizuna.api.segment.rule.SegmentRule.Stage;
import io.kizuna.api.segment.rule.SegmentRule.TouchpointCount;
import io.kizuna.api.segment.rule.SegmentRule.Trait;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text form: the issue's example, precedence, every condition, canonical round trips, errors with columns. */
class SegmentRuleTextTest {

    private static final String EXAMPLE =
            "touchpoints(type: purchase, within: 90d) >= 3 and stage(four_stage) = retention and consent(email_marketing)";

    @Test
    void readsTheIssuesExampleExactly() {
        SegmentRule rule = SegmentRules.parse(EXAMPLE);

        assertThat(rule)
                .isEqualTo(And.of(
                        new TouchpointCount(
                                List.of("purchase"),
                                List.of(),
                                List.of(),
                                new RelativeWindow(90, RelativeWindow.Unit.DAYS),
                                Comparison.AT_LEAST,
                                3),
                        new Stage("four_stage", List.of("retention"), false),
                        new Consent("email_marketing", null)));
        assertThat(SegmentRules.toText(rule)).isEqualTo(EXAMPLE);
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        SegmentRule rule = SegmentRules.parse("segment(a) or not segment(b) and segment(c)");

        assertThat(rule).isEqualTo(Or.of(new InSegment("a"), And.of(new Not(new InSegment("b")), new InSegment("c"))));
        assertThat(SegmentRules.toText(rule)).isEqualTo("segment(a) or (not segment(b) and segment(c))");
    }

    @Test
    void parenthesesGroup() {
        SegmentRule rule = SegmentRules.parse("(segment(a) or segment(b)) and not (segment(c) or segment(d))");

        assertThat(rule)
                .isEqualTo(And.of(
                        Or.of(new InSegment("a"), new InSegment("b")),
                        new Not(Or.of(new InSegment("c"), new InSegment("d")))));
    }

    @Test
    void aChainOfOneOperatorIsOneListAndAParenthesisedGroupStaysItsOwn() {
        assertThat(SegmentRules.parse("segment(a) and segment(b) and segment(c)"))
                .isEqualTo(And.of(new InSegment("a"), new InSegment("b"), new InSegment("c")));
        assertThat(SegmentRules.parse("(segment(a) and segment(b)) and segment(c)"))
                .isEqualTo(And.of(And.of(new InSegment("a"), new InSegment("b")), new InSegment("c")));
        assertThat(SegmentRules.parse("((segment(a)))")).isEqualTo(new InSegment("a"));
    }

    @Test
    void keywordsAreCaseInsensitiveAndNamesKeepTheirCase() {
        SegmentRule rule = SegmentRules.parse("Has_Identifier(anonymousId) AND NOT Segment(vip) Or TRAIT(Plan) EXISTS");

        assertThat(rule)
                .isEqualTo(Or.of(
                        And.of(new HasIdentifier("anonymousId"), new Not(new InSegment("vip"))),
                        new Trait("Plan", new TraitTest.Exists())));
    }

    @Test
    void readsEveryCondition() {
        assertThat(SegmentRules.parse(
                        "touchpoints(type: (purchase, store_visit), channel: store, campaign: \"spring \\\"26\\\"\","
                                + " from: 2026-01-01, to: 2026-03-31) = 0"))
                .isEqualTo(new TouchpointCount(
                        List.of("purchase", "store_visit"),
                        List.of("store"),
                        List.of("spring \"26\""),
                        new AbsoluteRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)),
                        Comparison.EQUAL,
                        0));
        assertThat(SegmentRules.parse("touchpoints() > 10"))
                .isEqualTo(new TouchpointCount(List.of(), List.of(), List.of(), null, Comparison.MORE_THAN, 10));
        assertThat(SegmentRules.parse("touchpoints(channels: email, within: 24h) != 1"))
                .isEqualTo(new TouchpointCount(
                        List.of(),
                        List.of("email"),
                        List.of(),
                        new RelativeWindow(24, RelativeWindow.Unit.HOURS),
                        Comparison.NOT_EQUAL,
                        1));
        assertThat(SegmentRules.parse("trait(plan) = \"gold\""))
                .isEqualTo(new Trait("plan", new TraitTest.Equals(new TraitValue.Text("gold"))));
        assertThat(SegmentRules.parse("trait(vip) = true"))
                .isEqualTo(new Trait("vip", new TraitTest.Equals(new TraitValue.Flag(true))));
        assertThat(SegmentRules.parse("trait(plan) != \"gold\""))
                .isEqualTo(new Not(new Trait("plan", new TraitTest.Equals(new TraitValue.Text("gold")))));
        assertThat(SegmentRules.parse("trait(plan) in (\"gold\", \"silver\", 3)"))
                .isEqualTo(new Trait(
                        "plan",
                        new TraitTest.In(List.of(
                                new TraitValue.Text("gold"), new TraitValue.Text("silver"), TraitValue.of(3)))));
        assertThat(SegmentRules.parse("trait(plan) not in (\"free\")"))
                .isEqualTo(new Not(new Trait("plan", new TraitTest.In(List.of(new TraitValue.Text("free"))))));
        assertThat(SegmentRules.parse("trait(age) >= 30"))
                .isEqualTo(new Trait("age", TraitTest.Range.of(Comparison.AT_LEAST, TraitValue.of(30))));
        assertThat(SegmentRules.parse("trait(score) < -2.5"))
                .isEqualTo(new Trait(
                        "score",
                        TraitTest.Range.of(Comparison.LESS_THAN, new TraitValue.Numeric(new BigDecimal("-2.5")))));
        assertThat(SegmentRules.parse("trait(age) between 20 and 29.0"))
                .isEqualTo(new Trait("age", TraitTest.Range.between(TraitValue.of(20), TraitValue.of(29))));
        assertThat(SegmentRules.parse("trait(\"favourite colour\") exists"))
                .isEqualTo(new Trait("favourite colour", new TraitTest.Exists()));
        assertThat(SegmentRules.parse("trait(city) contains \"Tokyo\""))
                .isEqualTo(new Trait("city", new TraitTest.TextMatch("Tokyo")));
        assertThat(SegmentRules.parse("has_identifier(email)")).isEqualTo(new HasIdentifier("email"));
        assertThat(SegmentRules.parse("days_since(type: purchase, channel: (web, store)) >= 60"))
                .isEqualTo(new DaysSince(List.of("purchase"), List.of("web", "store"), Comparison.AT_LEAST, 60));
        assertThat(SegmentRules.parse("days_since() < 7"))
                .isEqualTo(new DaysSince(List.of(), List.of(), Comparison.LESS_THAN, 7));
        assertThat(SegmentRules.parse("lifetime_value(jpy) >= 10000"))
                .isEqualTo(new Monetary(
                        MonetaryMeasure.LIFETIME_VALUE, "JPY", Comparison.AT_LEAST, new BigDecimal("10000")));
        assertThat(SegmentRules.parse("average_order_value(EUR) <= 24.50"))
                .isEqualTo(new Monetary(
                        MonetaryMeasure.AVERAGE_ORDER_VALUE, "EUR", Comparison.AT_MOST, new BigDecimal("24.50")));
        assertThat(SegmentRules.parse("stage(four_stage) != churned"))
                .isEqualTo(new Stage("four_stage", List.of("churned"), true));
        assertThat(SegmentRules.parse("stage(four_stage) in (acquisition, retention)"))
                .isEqualTo(new Stage("four_stage", List.of("acquisition", "retention"), false));
        assertThat(SegmentRules.parse("stage(four_stage) not in (churned)"))
                .isEqualTo(new Stage("four_stage", List.of("churned"), true));
        assertThat(SegmentRules.parse("segment(frequent_buyers)")).isEqualTo(new InSegment("frequent_buyers"));
        assertThat(SegmentRules.parse("consent(marketing, email)")).isEqualTo(new Consent("marketing", "email"));
        assertThat(SegmentRules.parse("consent(marketing, channel: email)"))
                .isEqualTo(new Consent("marketing", "email"));
        assertThat(SegmentRules.parse("consent(channel)")).isEqualTo(new Consent("channel", null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                EXAMPLE,
                "touchpoints(type: (purchase, store_visit), channel: store, campaign: \"spring \\\"26\\\"\","
                        + " from: 2026-01-01, to: 2026-03-31) = 0",
                "touchpoints() > 10",
                "touchpoints(channel: email, campaign: (\"a\", \"b\"), within: 6m) < 2",
                "trait(plan) = \"gold\" or trait(vip) = false",
                "not trait(plan) = \"gold\"",
                "trait(plan) in (\"gold\", 3.5, true)",
                "trait(age) > 30 and trait(age) <= 40",
                "trait(signup_date) >= \"2026-01-01\"",
                "trait(age) between 20 and 29",
                "trait(\"favourite colour\") exists",
                "trait(city) contains \"minato \\\\ tokyo\"",
                "has_identifier(email)",
                "days_since(type: purchase) >= 60 and days_since(channel: (web, store)) < 7",
                "lifetime_value(JPY) >= 10000 or average_order_value(EUR) != 24.50",
                "stage(four_stage) = retention or stage(four_stage) != churned",
                "stage(four_stage) in (acquisition, retention) and stage(b2b) not in (lost, dormant)",
                "(segment(a) or segment(b)) and not (segment(c) and consent(marketing, email))",
                "not not segment(a)",
                "segment(a) and (segment(b) and segment(c))"
            })
    void canonicalTextReadsBackAsWritten(String text) {
        SegmentRule rule = SegmentRules.parse(text);

        assertThat(SegmentRules.toText(rule)).isEqualTo(text);
        assertThat(SegmentRules.parse(SegmentRules.toText(rule))).isEqualTo(rule);
    }

    @Test
    void nonCanonicalTextIsWrittenCanonically() {
        SegmentRule rule = SegmentRules.parse(
                "  TOUCHPOINTS( types:purchase ,WITHIN:90D )>=3\n AND\tstage( four_stage )=retention");

        assertThat(SegmentRules.toText(rule))
                .isEqualTo("touchpoints(type: purchase, within: 90d) >= 3 and stage(four_stage) = retention");
    }

    @Test
    void firstSeenTakesARelativeWindowOrADateRange() {
        assertThat(SegmentRules.parse("first_seen(within: 30d)"))
                .isEqualTo(new SegmentRule.FirstSeen(new RelativeWindow(30, RelativeWindow.Unit.DAYS)));
        assertThat(SegmentRules.parse("FIRST_SEEN(from: 2026-01-01, to: 2026-01-31)"))
                .isEqualTo(new SegmentRule.FirstSeen(
                        new AbsoluteRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31"))));
        String text = "touchpoints(type: purchase) >= 1 and not first_seen(within: 30d)";
        assertThat(SegmentRules.toText(SegmentRules.parse(text))).isEqualTo(text);
        assertThat(SegmentRules.toText(SegmentRules.parse("first_seen( to: 2026-01-31 , from: 2026-01-01 )")))
                .isEqualTo("first_seen(from: 2026-01-01, to: 2026-01-31)");
    }

    @Test
    void firstSeenWithoutAWindowOrWithOtherArgumentsIsRefused() {
        assertThat(error("segment(a) and first_seen()"))
                .isEqualTo("column 16: first_seen(...) needs a window: within: (e.g. first_seen(within: 30d)) or"
                        + " from: and to:");
        assertThat(error("first_seen(type: purchase)"))
                .startsWith("column 12: unknown argument 'type' of first_seen")
                .endsWith("expected within:, from:, to:");
        assertThat(error("first_seen(within: 30d, from: 2026-01-01, to: 2026-02-01)"))
                .isEqualTo("column 25: give either within: or from: and to:, not both (first_seen(...))");
        assertThat(error("first_seen(within: 30d) >= 1"))
                .isEqualTo("column 25: expected and, or, or the end of the rule, found '>='");
        assertThat(error("first_seen(within: 0d)"))
                .isEqualTo("column 1: first_seen(...): a window must be at least 1 hour, got 0d");
        assertThat(error("first_seen(within: 11y)"))
                .isEqualTo("too expensive: column 1: first_seen(...): a window of 11y is longer than 10 years");
    }

    // ---- errors: field rule, the column, what was expected

    @Test
    void aMissingComparisonNamesTheColumnAndWhatWasExpected() {
        assertThat(error("touchpoints(type: purchase, within: 90d) and consent(email)"))
                .isEqualTo(
                        "column 42: expected a comparison (>=, >, <=, <, =, !=) after touchpoints(...), found 'and'");
    }

    @Test
    void syntaxErrorsPointAtTheOffendingToken() {
        assertThat(error("touchpoints(type: purchase) >= 3 and"))
                .startsWith("column 37: expected a condition (touchpoints, trait,")
                .endsWith("found the end of the rule");
        assertThat(error("touchpoint(type: purchase) >= 3"))
                .startsWith("column 1: unknown condition 'touchpoint' (did you mean touchpoints?)");
        assertThat(error("touchpoints(typ: purchase) >= 3"))
                .startsWith("column 13: unknown argument 'typ' of touchpoints (did you mean type:?)");
        assertThat(error("touchpoints(within: 90) >= 3"))
                .isEqualTo("column 21: expected a window such as 90d, 12w, 6m, 1y or 24h, found '90'");
        assertThat(error("touchpoints(within: 90x) >= 3"))
                .isEqualTo("column 21: unknown unit 'x' in 90x: use h (hours), d (days), w (weeks), m (months) or y"
                        + " (years)");
        assertThat(error("touchpoints() >= 2.5"))
                .isEqualTo("column 18: expected a count (a whole number, 0 or more) after touchpoints(...) >=, found"
                        + " '2.5'");
        assertThat(error("touchpoints(type: purchase type: x) >= 1"))
                .isEqualTo("column 28: expected ',' or ')' after type: in touchpoints(...), found 'type'");
        assertThat(error("touchpoints(type: a, type: b) >= 1"))
                .isEqualTo("column 22: type: is given twice in touchpoints(...)");
        assertThat(error("touchpoints(within: 90d, from: 2026-01-01, to: 2026-02-01) >= 1"))
                .isEqualTo("column 26: give either within: or from: and to:, not both (touchpoints(...))");
        assertThat(error("touchpoints(from: 2026-01-01) >= 1"))
                .startsWith("column 13: a date range needs both from: and to:");
        assertThat(error("touchpoints(from: 2026-02-30, to: 2026-03-01) >= 1"))
                .isEqualTo("column 19: '2026-02-30' is not a date of the calendar");
        assertThat(error("trait(plan) = gold"))
                .isEqualTo("column 15: expected a value after trait(plan) =: a text in double quotes, a number, true"
                        + " or false; found 'gold' (write text in double quotes: \"gold\")");
        assertThat(error("trait(plan) is \"gold\""))
                .startsWith("column 13: expected a test after trait(plan): a comparison");
        assertThat(error("trait(city) contains \"tok")).isEqualTo("column 22: a text opened with \" is never closed");
        assertThat(error("stage(four_stage) > retention"))
                .isEqualTo("column 19: expected =, !=, in or not in after stage(four_stage), found '>'");
        assertThat(error("segment(a) segment(b)"))
                .isEqualTo("column 12: expected and, or, or the end of the rule, found 'segment'");
        assertThat(error("(segment(a) or segment(b)"))
                .isEqualTo("column 26: expected and, or, or ')' to close the '(' at column 1, found the end of the"
                        + " rule");
        assertThat(error("segment(a))")).isEqualTo("column 11: this ')' closes no '('");
        assertThat(error("segment(a) & segment(b)")).isEqualTo("column 12: unexpected character '&'");
        assertThat(error("trait(a) == 1")).isEqualTo("column 10: write = for \"equal\" (not ==)");
        assertThat(error("lifetime_value(JPY) >= lots"))
                .isEqualTo("column 24: expected an amount such as 10000 or 24.50 after lifetime_value(JPY) >=, found"
                        + " 'lots'");
        assertThat(error("   ")).isEqualTo("the rule is empty: write at least one condition");
    }

    @Test
    void aMultiLineRuleNamesTheLineToo() {
        assertThat(error("segment(a)\nand segment(b) >= 1"))
                .isEqualTo("line 2, column 16: expected and, or, or the end of the rule, found '>='");
    }

    @Test
    void parseErrorsNameTheRuleField() {
        assertThatThrownBy(() -> SegmentRules.parse("segment("))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("rule"));
    }

    static String error(String text) {
        try {
            SegmentRules.parse(text);
        } catch (InvalidInputException e) {
            assertThat(e.violations()).extracting(Violation::field).containsOnly("rule");
            return e.violations().get(0).message();
        }
        throw new AssertionError("expected '" + text + "' to be refused");
    }
}
