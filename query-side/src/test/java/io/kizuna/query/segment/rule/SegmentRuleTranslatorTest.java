package io.kizuna.query.segment.rule;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import io.kizuna.api.segment.rule.SegmentRules;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The shape of translated queries; SegmentRuleTranslationIT checks their answers against Elasticsearch. */
class SegmentRuleTranslatorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void countsAreNestedSumsOfDailyBucketsWithAMinimumScoreAndNoScript() {
        String json = json("touchpoints(type: purchase, within: 90d) >= 3");

        assertThat(json)
                .contains("\"min_score\":3.0")
                .contains("\"path\":\"activity\"")
                .contains("\"score_mode\":\"sum\"")
                .contains("\"field_value_factor\":{\"field\":\"activity.count\"")
                .contains("\"boost_mode\":\"replace\"")
                .contains("\"gte\":\"2025-12-01\"")
                .doesNotContain("script");
    }

    @Test
    void queriesHoldFixedDatesNeverDateMath() {
        String json = json("touchpoints(within: 24h) >= 1 or days_since(type: purchase) >= 60");

        assertThat(json)
                .contains("\"gte\":\"2026-02-28\"")
                .contains("\"gte\":\"2026-01-01\"")
                .doesNotContain("now");
    }

    @Test
    void fewerThanIsTheNegationOfAtLeast() {
        assertThat(json("touchpoints(type: purchase) < 2"))
                .startsWith("{\"bool\":{\"must_not\":[{\"function_score\"")
                .contains("\"min_score\":2.0");
        assertThat(json("touchpoints() >= 0")).isEqualTo("{\"match_all\":{}}");
        assertThat(json("touchpoints() < 0")).isEqualTo("{\"match_none\":{}}");
    }

    @Test
    void theSameRuleAndInstantGiveTheSameQuery() {
        String rule = "touchpoints(type: purchase, within: 6m) = 2 and not segment(vip)";

        assertThat(json(rule)).isEqualTo(json(rule));
        assertThat(json(rule, Instant.parse("2026-03-02T10:00:00Z"))).isNotEqualTo(json(rule));
    }

    private static String json(String rule) {
        return json(rule, NOW);
    }

    private static String json(String rule, Instant now) {
        Query query = SegmentRuleTranslator.toQuery(SegmentRules.parse(rule), now);
        return JsonpUtils.toJsonString(query, new Jackson3JsonpMapper());
    }
}
