package io.kizuna.api.segment.rule;

import static io.kizuna.api.segment.rule.SegmentRuleTextTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.segment.rule.SegmentRule.And;
import io.kizuna.api.segment.rule.SegmentRule.InSegment;
import io.kizuna.api.segment.rule.SegmentRule.Not;
import io.kizuna.api.segment.rule.SegmentRule.Or;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Value rules and cost limits: errors name the condition and part at fault; costly rules are refused with why. */
class SegmentRuleValidationTest {

    @Test
    void windowsRunFromOneHourToTenYears() {
        assertThat(SegmentRules.parse("touchpoints(within: 1h) >= 1")).isNotNull();
        assertThat(SegmentRules.parse("touchpoints(within: 10y) >= 1")).isNotNull();
        assertThat(SegmentRules.parse("touchpoints(within: 3650d) >= 1")).isNotNull();
        assertThat(SegmentRules.parse("touchpoints(from: 2026-01-01, to: 2035-12-31) >= 1"))
                .isNotNull();

        assertThat(error("touchpoints(within: 0h) >= 1"))
                .isEqualTo("column 1: touchpoints(...): a window must be at least 1 hour, got 0h");
        assertThat(error("segment(a) and touchpoints(within: 11y) >= 1"))
                .isEqualTo("too expensive: column 16: touchpoints(...): a window of 11y is longer than 10 years");
        assertThat(error("touchpoints(within: 121m) >= 1")).startsWith("too expensive: ");
        assertThat(error("touchpoints(within: 99999999999d) >= 1"))
                .isEqualTo("too expensive: column 1: touchpoints(...): a window of that size is longer than 10 years");
        assertThat(error("touchpoints(from: 2026-01-01, to: 2036-01-01) >= 1"))
                .isEqualTo("too expensive: column 1: touchpoints(...): from: 2026-01-01 to: 2036-01-01 is longer than"
                        + " 10 years");
        assertThat(error("touchpoints(from: 2026-03-01, to: 2026-01-01) >= 1"))
                .isEqualTo("column 1: touchpoints(...): from: 2026-03-01 is after to: 2026-01-01");
    }

    @Test
    void countsRunFromZeroToAMillion() {
        assertThat(SegmentRules.parse("touchpoints() >= 1000000")).isNotNull();
        assertThat(error("touchpoints() >= 1000001"))
                .isEqualTo("column 1: touchpoints(...): a count must be 0 to 1,000,000, got 1000001");
        assertThat(error("touchpoints() >= 99999999999999999999"))
                .isEqualTo("column 1: touchpoints(...): a count must be 0 to 1,000,000, got more");
        assertThat(error("days_since() >= 3651"))
                .isEqualTo("column 1: days_since(...): days must be 0 to 3650, got 3651");
    }

    @Test
    void currenciesAreIso4217() {
        assertThat(error("lifetime_value(XXY) >= 1"))
                .isEqualTo("column 1: lifetime_value(XXY): 'XXY' is not an ISO 4217 currency code such as JPY or EUR");
        assertThat(error("average_order_value(EURO) >= 1")).contains("'EURO' is not an ISO 4217 currency code");
    }

    @Test
    void namesMustBeLowerSnakeCase() {
        assertThat(error("touchpoints(type: Purchase) >= 1"))
                .isEqualTo("column 1: touchpoints(...): 'Purchase' is not a touchpoint type: it must be lower snake"
                        + " case (a-z, 0-9, _; starting with a letter; at most 64)");
        assertThat(error("stage(four_stage) = \"Retention\"")).contains("'Retention' is not a stage id");
        assertThat(error("segment(\"VIP list\")")).contains("'VIP list' is not a segment id");
        assertThat(error("consent(email_marketing, \"e-mail\")")).contains("'e-mail' is not a channel");
        assertThat(error("has_identifier(\"e mail\")")).contains("'e mail' is not an identifier type");
        assertThat(SegmentRules.parse("has_identifier(anonymousId)")).isNotNull();
    }

    @Test
    void traitTestsMustMakeSense() {
        assertThat(error("trait(age) between 30 and 20"))
                .isEqualTo("column 1: trait(age): between 30 and 20 matches nothing: give the smaller value first");
        assertThat(error("trait(age) between 20 and \"x\""))
                .isEqualTo("column 1: trait(age): both ends of a range must be numbers, or both texts");
        assertThat(error("trait(vip) >= true"))
                .isEqualTo("column 1: trait(vip): a range compares numbers or texts, not true / false");
    }

    @Test
    void aShortTextMatchIsTooExpensive() {
        assertThat(error("trait(city) contains \"to\""))
                .isEqualTo(
                        "too expensive: column 1: trait(city): a text match needs at least 3 characters, got \"to\"");
        assertThat(SegmentRules.parse("trait(city) contains \"tok\"")).isNotNull();
    }

    @Test
    void atMostFiftyConditions() {
        String fifty =
                IntStream.range(0, 50).mapToObj(i -> "segment(s" + i + ")").collect(Collectors.joining(" or "));
        assertThat(SegmentRules.parse(fifty)).isNotNull();

        assertThat(error(fifty + " or segment(s50)"))
                .isEqualTo("too expensive: the rule has 51 conditions; at most 50 are allowed");
    }

    @Test
    void atMostTenLevelsDeep() {
        assertThat(SegmentRules.parse("not ".repeat(9) + "segment(a)")).isNotNull();

        assertThat(error("not ".repeat(10) + "segment(a)"))
                .isEqualTo("too expensive: the rule nests 11 levels of and, or, not deep; at most 10 are allowed");
        assertThat(error("(".repeat(100) + "segment(a)" + ")".repeat(100)))
                .isEqualTo("too expensive: column 41: the rule nests deeper than 10 levels of and, or, not");
    }

    @Test
    void listsHoldAtMostAHundredValues() {
        String types = IntStream.range(0, 101).mapToObj(i -> "t" + i).collect(Collectors.joining(", "));

        assertThat(error("touchpoints(type: (" + types + ")) >= 1"))
                .isEqualTo("too expensive: column 1: touchpoints(...): a list has 101 values; at most 100 are allowed");
    }

    @Test
    void aVeryLongRuleIsTooExpensive() {
        assertThat(error("segment(" + "a".repeat(10_000) + ")")).startsWith("too expensive: the rule is longer than");
    }

    @Test
    void everyProblemIsReportedAndBuiltRulesAreCheckedWithJsonPaths() {
        SegmentRule rule = And.of(
                new SegmentRule.TouchpointCount(
                        List.of("purchase"),
                        List.of(),
                        List.of(),
                        new RelativeWindow(0, RelativeWindow.Unit.DAYS),
                        Comparison.AT_LEAST,
                        -1),
                new Not(new SegmentRule.Trait("city", new TraitTest.TextMatch("x"))));

        assertThat(SegmentRules.violations(rule))
                .containsExactly(
                        new Violation("rule.and[0].touchpoints.within", "a window must be at least 1 hour, got 0d"),
                        new Violation("rule.and[0].touchpoints.count", "a count must be 0 to 1,000,000, got -1"),
                        new Violation(
                                "rule.and[1].not.trait.contains",
                                "too expensive: a text match needs at least 3 characters, got \"x\""));
        assertThatThrownBy(() -> SegmentRules.validate(rule)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void referencedSegmentsAreListedForCycleChecks() {
        SegmentRule rule =
                SegmentRules.parse("segment(vip) and not (segment(churned) or trait(plan) exists) or segment(vip)");

        assertThat(SegmentRules.referencedSegments(rule)).containsExactly("vip", "churned");
        assertThat(SegmentRules.referencedSegments(new InSegment("a"))).containsExactly("a");
        assertThat(SegmentRules.referencedSegments(SegmentRules.parse("has_identifier(email)")))
                .isEmpty();
    }

    @Test
    void rulesThatTimeAloneCanChangeAreKnown() {
        assertThat(SegmentRules.dependsOnTime(SegmentRules.parse("touchpoints(within: 30d) >= 1")))
                .isTrue();
        assertThat(SegmentRules.dependsOnTime(SegmentRules.parse("segment(a) or not days_since() > 3")))
                .isTrue();
        assertThat(SegmentRules.dependsOnTime(
                        SegmentRules.parse("touchpoints(from: 2026-01-01, to: 2026-02-01) >= 1 and segment(a)")))
                .isFalse();
        assertThat(SegmentRules.dependsOnTime(Or.of(new InSegment("a"), new InSegment("b"))))
                .isFalse();
        assertThat(SegmentRules.dependsOnTime(SegmentRules.parse("not first_seen(within: 30d)")))
                .isTrue();
        assertThat(SegmentRules.dependsOnTime(SegmentRules.parse("first_seen(from: 2026-01-01, to: 2026-01-31)")))
                .isFalse();
    }

    @Test
    void atMostTwoHundredCharactersOfText() {
        List<String> refused = new ArrayList<>();
        refused.add(error("trait(plan) = \"" + "x".repeat(201) + "\""));
        refused.add(error("touchpoints(campaign: \"" + "x".repeat(201) + "\") >= 1"));
        assertThat(refused).allSatisfy(message -> assertThat(message).contains("200 characters"));
    }
}
