package io.kizuna.api.segment.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON form: its shape, round trips through the rule, and errors that name the JSON path. */
class SegmentRuleJsonTest {

    @Test
    void theIssuesExampleAsJson() {
        SegmentRule rule =
                SegmentRules.parse("touchpoints(type: purchase, within: 90d) >= 3 and stage(four_stage) = retention"
                        + " and consent(email_marketing)");

        assertThat(SegmentRules.toJson(rule))
                .isEqualTo(Map.of(
                        "and",
                        List.of(
                                Map.of(
                                        "touchpoints",
                                        Map.of("types", List.of("purchase"), "within", "90d", "op", ">=", "count", 3L)),
                                Map.of("stage", Map.of("model", "four_stage", "in", List.of("retention"))),
                                Map.of("consent", Map.of("purpose", "email_marketing")))));
    }

    @Test
    void readsJsonAsAClientSendsIt() {
        Map<String, Object> json = Map.of(
                "or",
                List.of(
                        Map.of("trait", Map.of("name", "age", "op", ">=", "value", 30)),
                        Map.of("trait", Map.of("name", "plan", "in", List.of("gold", 2.5, true))),
                        Map.of("lifetimeValue", Map.of("currency", "jpy", "op", "<", "amount", "10000.5")),
                        Map.of(
                                "touchpoints",
                                Map.of(
                                        "types",
                                        "purchase",
                                        "from",
                                        "2026-01-01",
                                        "to",
                                        "2026-01-31",
                                        "op",
                                        "=",
                                        "count",
                                        0)),
                        Map.of("hasIdentifier", "email"),
                        Map.of("not", Map.of("segment", "churned"))));

        assertThat(SegmentRules.toText(SegmentRules.fromJson(json)))
                .isEqualTo("trait(age) >= 30 or trait(plan) in (\"gold\", 2.5, true) or lifetime_value(JPY) < 10000.5"
                        + " or touchpoints(type: purchase, from: 2026-01-01, to: 2026-01-31) = 0"
                        + " or has_identifier(email) or not segment(churned)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "touchpoints(type: (purchase, store_visit), channel: store, campaign: \"spring\", from: 2026-01-01,"
                        + " to: 2026-03-31) = 0",
                "touchpoints(within: 12w) != 2 and days_since(type: purchase, channel: web) > 60",
                "trait(plan) = \"gold\" or trait(vip) = false or trait(n) = 3.25",
                "trait(plan) in (\"gold\", 3.5, true) and not trait(plan) in (\"x\")",
                "trait(age) > 30 and trait(age) <= 40 and trait(age) between 20 and 29 and trait(a) < \"m\"",
                "trait(email) exists and trait(city) contains \"tokyo\"",
                "lifetime_value(JPY) >= 10000 or average_order_value(EUR) != 24.50",
                "stage(four_stage) = retention or stage(m) not in (a, b)",
                "(segment(a) or segment(b)) and not (has_identifier(email) and consent(marketing, email))",
                "first_seen(within: 30d) or first_seen(from: 2026-01-01, to: 2026-01-31)"
            })
    void everyRuleSurvivesJson(String text) {
        SegmentRule rule = SegmentRules.parse(text);

        assertThat(SegmentRules.fromJson(SegmentRules.toJson(rule))).isEqualTo(rule);
    }

    @Test
    void structuralErrorsNameTheJsonPath() {
        assertThat(error(Map.of(
                        "and",
                        List.of(
                                Map.of("segment", "a"),
                                Map.of("touchpoints", Map.of("within", "90 days", "op", ">=", "count", 1))))))
                .isEqualTo(new Violation(
                        "rule.and[1].touchpoints.within",
                        "expected a window such as 90d, 12w, 6m, 1y or 24h (h, d, w, m, y), got '90 days'"));
        assertThat(error(Map.of("touchpoints", Map.of("op", ">=", "count", 1.5))))
                .isEqualTo(new Violation("rule.touchpoints.count", "expected a whole number"));
        assertThat(error(Map.of("touchpoints", Map.of("op", "=>", "count", 1))).field())
                .isEqualTo("rule.touchpoints.op");
        assertThat(error(Map.of("touchpoints", Map.of("count", 1))))
                .isEqualTo(new Violation("rule.touchpoints.op", "is required"));
        assertThat(error(Map.of("touchpoints", Map.of("op", ">=", "count", 1, "window", "90d")))
                        .field())
                .isEqualTo("rule.touchpoints.window");
        assertThat(error(Map.of("touchpoints", Map.of("within", "9d", "from", "2026-01-01", "op", ">=", "count", 1)))
                        .field())
                .isEqualTo("rule.touchpoints.within");
        assertThat(error(Map.of("touchpionts", Map.of())).message())
                .startsWith("unknown condition 'touchpionts' (did you mean touchpoints?)");
        assertThat(error(Map.of("or", List.of(Map.of("segment", "a")))).field()).isEqualTo("rule.or");
        assertThat(error(Map.of("not", Map.of("segment", "a", "trait", Map.of())))
                        .field())
                .isEqualTo("rule.not");
        assertThat(error(Map.of("trait", Map.of("name", "a", "equals", 1, "exists", true)))
                        .field())
                .isEqualTo("rule.trait");
        assertThat(error(Map.of("trait", Map.of("name", "a", "in", List.of("x", Map.of()))))
                        .field())
                .isEqualTo("rule.trait.in[1]");
        assertThat(error(Map.of("stage", Map.of("model", "m", "in", List.of("a", 3))))
                        .field())
                .isEqualTo("rule.stage.in[1]");
        assertThat(error(Map.of("firstSeen", Map.of())))
                .isEqualTo(
                        new Violation("rule.firstSeen", "a window is required: within (e.g. \"30d\"), or from and to"));
        assertThat(error(Map.of("firstSeen", Map.of("from", "2026-01-01"))).field())
                .isEqualTo("rule.firstSeen.to");
        assertThat(error(Map.of("firstSeen", Map.of("within", "30d", "op", ">=")))
                        .field())
                .isEqualTo("rule.firstSeen.op");
    }

    @Test
    void firstSeenAsJson() {
        assertThat(SegmentRules.toJson(SegmentRules.parse("first_seen(within: 30d)")))
                .isEqualTo(Map.of("firstSeen", Map.of("within", "30d")));
        assertThat(SegmentRules.toText(
                        SegmentRules.fromJson(Map.of("firstSeen", Map.of("from", "2026-01-01", "to", "2026-01-31")))))
                .isEqualTo("first_seen(from: 2026-01-01, to: 2026-01-31)");
        assertThat(error(Map.of("firstSeen", Map.of("within", "11y"))).field()).isEqualTo("rule.firstSeen.within");
    }

    @Test
    void valueAndCostErrorsNameTheJsonPathToo() {
        assertThat(error(Map.of(
                        "or",
                        List.of(
                                Map.of("segment", "a"),
                                Map.of("lifetimeValue", Map.of("currency", "XXY", "op", ">=", "amount", 5))))))
                .isEqualTo(new Violation(
                        "rule.or[1].lifetimeValue.currency",
                        "'XXY' is not an ISO 4217 currency code such as JPY or EUR"));
        assertThat(error(Map.of("touchpoints", Map.of("within", "11y", "op", ">=", "count", 1))))
                .isEqualTo(new Violation(
                        "rule.touchpoints.within", "too expensive: a window of 11y is longer than 10 years"));
        assertThat(error(Map.of(
                                "averageOrderValue",
                                Map.of("currency", "EUR", "op", ">=", "amount", new BigDecimal("1.1234567"))))
                        .field())
                .isEqualTo("rule.averageOrderValue.amount");
    }

    private static Violation error(Object json) {
        try {
            SegmentRules.fromJson(json);
        } catch (InvalidInputException e) {
            return e.violations().get(0);
        }
        throw new AssertionError("expected " + json + " to be refused");
    }
}
