package io.kizuna.bench.jmh;

import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.segment.rule.SegmentRule;
import io.kizuna.api.segment.rule.SegmentRules;
import io.kizuna.command.journey.BuiltInJourneyModels;
import io.kizuna.command.journey.StageRules;
import io.kizuna.command.journey.TouchpointFact;
import io.kizuna.query.segment.rule.SegmentRuleTranslator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rule evaluation on the hot paths: parsing a segment rule's text ({@link SegmentRules#parse}), translating it to the
 * Elasticsearch query that selects its members ({@link SegmentRuleTranslator#toQuery}), and deciding a journey stage
 * move for a newly recorded touchpoint ({@link StageRules#onTouchpoint}) over a customer's history of {@code
 * history} touchpoints in the default four-stage model, as the customer aggregate does for every touchpoint.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleEvaluationBenchmark {

    private static final String RULE = "touchpoints(type: purchase, within: 90d) >= 3 and stage(four_stage) ="
            + " retention_loyalty and not segment(churned) and trait(plan) in (\"premium\", \"basic\")";

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private SegmentRule rule;

    @Setup
    public void setUp() {
        rule = SegmentRules.parse(RULE);
    }

    /** A customer's touchpoint history of {@code history} touchpoints, in the default four-stage model. */
    @State(Scope.Benchmark)
    public static class History {

        @Param({"10", "1000"})
        public int history;

        JourneyModelDefinition model;
        List<TouchpointFact> facts;
        TouchpointFact latest;

        @Setup
        public void setUp() {
            Instant now = NOW;
            model = BuiltInJourneyModels.all().stream()
                    .filter(m -> m.id().equals(BuiltInJourneyModels.DEFAULT_MODEL))
                    .findFirst()
                    .orElseThrow();
            String[] types = {"web_visit", "ad_click", "product_viewed", "email_open", "order_completed", "store_visit"
            };
            facts = new ArrayList<>();
            for (int i = 0; i < history; i++) {
                String type = types[i % types.length];
                boolean valued = type.equals("order_completed");
                facts.add(new TouchpointFact(
                        "m-" + i,
                        type,
                        "web",
                        null,
                        now.minus(Duration.ofHours(history - i)),
                        valued ? new BigDecimal("3980") : null,
                        valued ? "JPY" : null,
                        Map.of(),
                        i));
            }
            latest = facts.get(facts.size() - 1);
        }
    }

    @Benchmark
    public SegmentRule parseSegmentRule() {
        return SegmentRules.parse(RULE);
    }

    @Benchmark
    public Object translateSegmentRule() {
        return SegmentRuleTranslator.toQuery(rule, NOW);
    }

    @Benchmark
    public Optional<StageRules.Move> decideStageMove(History h) {
        return StageRules.onTouchpoint(h.model, "engagement", NOW.minus(Duration.ofDays(30)), h.latest, h.facts);
    }
}
