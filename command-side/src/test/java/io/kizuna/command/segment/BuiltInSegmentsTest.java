package io.kizuna.command.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.segment.SegmentCatalog;
import io.kizuna.api.segment.SegmentDefinition;
import io.kizuna.api.segment.rule.SegmentRules;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BuiltInSegmentsTest {

    private static final List<String> FOUR_STAGES =
            List.of("acquisition_awareness", "engagement", "conversion", "retention_loyalty");

    private static Map<String, String> rules(BuiltInSegmentProperties properties) {
        return BuiltInSegments.all(properties, FOUR_STAGES).stream()
                .collect(Collectors.toMap(SegmentDefinition::id, SegmentDefinition::rule));
    }

    @Test
    void theDefaultsReadAsTheMaterialSaysInCanonicalForm() {
        assertThat(rules(BuiltInSegmentProperties.defaults()))
                .containsEntry("new_customers", "first_seen(within: 30d)")
                .containsEntry(
                        "existing_customers",
                        "touchpoints(type: (purchase, order_completed)) >= 1 and not first_seen(within: 30d)")
                .containsEntry("frequent_buyers", "touchpoints(type: (purchase, order_completed), within: 90d) >= 3")
                .containsEntry(
                        "at_risk",
                        "touchpoints(type: (purchase, order_completed)) >= 1 and days_since() >= 60 and days_since()"
                                + " < 180")
                .containsEntry("churned", "touchpoints(type: (purchase, order_completed)) >= 1 and days_since() >= 180")
                .containsEntry("stage_acquisition_awareness", "stage(four_stage) = acquisition_awareness")
                .containsEntry("stage_retention_loyalty", "stage(four_stage) = retention_loyalty")
                .hasSize(9);
        for (SegmentDefinition d : BuiltInSegments.all(BuiltInSegmentProperties.defaults(), FOUR_STAGES)) {
            assertThat(SegmentDefinitionValidator.canonical(d, new SegmentCatalog()))
                    .isEqualTo(d);
        }
    }

    @Test
    void thresholdsComeFromTheProperties() {
        BuiltInSegmentProperties custom =
                new BuiltInSegmentProperties(14, 5, 30, 45, 120, List.of("purchase"), "lifecycle");

        assertThat(rules(custom))
                .containsEntry("new_customers", "first_seen(within: 14d)")
                .containsEntry("frequent_buyers", "touchpoints(type: purchase, within: 30d) >= 5")
                .containsEntry("churned", "touchpoints(type: purchase) >= 1 and days_since() >= 120")
                .containsEntry("stage_engagement", "stage(lifecycle) = engagement");
        assertThat(SegmentRules.dependsOnTime(SegmentRules.parse(rules(custom).get("at_risk"))))
                .isTrue();
    }

    @Test
    void atRiskMustEndBeforeChurnStarts() {
        assertThatThrownBy(() -> new BuiltInSegmentProperties(30, 3, 90, 180, 180, List.of("purchase"), "four_stage"))
                .hasMessageContaining("at-risk-days (180) must be fewer than churn-days (180)");
    }
}
