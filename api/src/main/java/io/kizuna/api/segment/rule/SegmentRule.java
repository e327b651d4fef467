package io.kizuna.api.segment.rule;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A segment rule: which customers belong to a segment. Its text form is the contract (see
 * {@code docs/segment-rules.md}); {@link SegmentRules} reads and writes it, and the JSON form, and checks the limits.
 * The records hold any value their types allow; {@link SegmentRules#validate} says whether a rule may be used.
 *
 * <p>Lists of types, channels and campaigns are "any of"; an empty list means any.
 */
public sealed interface SegmentRule
        permits SegmentRule.And,
                SegmentRule.Or,
                SegmentRule.Not,
                SegmentRule.TouchpointCount,
                SegmentRule.Trait,
                SegmentRule.HasIdentifier,
                SegmentRule.DaysSince,
                SegmentRule.FirstSeen,
                SegmentRule.Monetary,
                SegmentRule.Stage,
                SegmentRule.InSegment,
                SegmentRule.Consent {

    /** Every one of {@code rules} holds; at least two (a single condition is just that condition). */
    record And(List<SegmentRule> rules) implements SegmentRule {
        public And {
            rules = List.copyOf(rules);
            if (rules.size() < 2) {
                throw new IllegalArgumentException("'and' needs at least two conditions");
            }
        }

        public static And of(SegmentRule... rules) {
            return new And(List.of(rules));
        }
    }

    /** At least one of {@code rules} holds; at least two. */
    record Or(List<SegmentRule> rules) implements SegmentRule {
        public Or {
            rules = List.copyOf(rules);
            if (rules.size() < 2) {
                throw new IllegalArgumentException("'or' needs at least two conditions");
            }
        }

        public static Or of(SegmentRule... rules) {
            return new Or(List.of(rules));
        }
    }

    /** {@code rule} does not hold. */
    record Not(SegmentRule rule) implements SegmentRule {
        public Not {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * The number of the customer's touchpoints of the given types, channels and campaigns in {@code window} (null:
     * all time) compared with {@code count}: {@code touchpoints(type: purchase, within: 90d) >= 3}. A customer with no
     * such touchpoint has 0, so {@code = 0} and {@code < n} include customers who never had one.
     */
    record TouchpointCount(
            List<String> types,
            List<String> channels,
            List<String> campaigns,
            Window window,
            Comparison comparison,
            long count)
            implements SegmentRule {
        public TouchpointCount {
            types = types == null ? List.of() : List.copyOf(types);
            channels = channels == null ? List.of() : List.copyOf(channels);
            campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
            Objects.requireNonNull(comparison, "comparison");
        }
    }

    /** A test of the trait {@code name}: {@code trait(plan) = "gold"}, {@code trait(email) exists}, ... */
    record Trait(String name, TraitTest test) implements SegmentRule {
        public Trait {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(test, "test");
        }
    }

    /** The customer has an identifier of {@code type}: {@code has_identifier(email)}. */
    record HasIdentifier(String type) implements SegmentRule {
        public HasIdentifier {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * Recency: whole UTC days from the day of the customer's last touchpoint of the given types and channels to the
     * day of now, compared with {@code days}: {@code days_since(type: purchase) >= 60}. A customer with no such
     * touchpoint has no recency and never matches (write {@code touchpoints(type: purchase) = 0} for "never").
     */
    record DaysSince(List<String> types, List<String> channels, Comparison comparison, int days)
            implements SegmentRule {
        public DaysSince {
            types = types == null ? List.of() : List.copyOf(types);
            channels = channels == null ? List.of() : List.copyOf(channels);
            Objects.requireNonNull(comparison, "comparison");
        }
    }

    /**
     * The customer was first seen (its earliest touchpoint, by business time) in {@code window}:
     * {@code first_seen(within: 30d)}, {@code first_seen(from: 2026-01-01, to: 2026-01-31)}. Day granularity in UTC,
     * like touchpoint windows. A customer never seen (no touchpoint yet) never matches; {@code not first_seen(...)}
     * includes it.
     */
    record FirstSeen(Window window) implements SegmentRule {
        public FirstSeen {
            Objects.requireNonNull(window, "window");
        }
    }

    /** Which money figure a {@link Monetary} condition compares. */
    enum MonetaryMeasure {
        /** The sum of the customer's touchpoint values in the currency (returns count negative); 0 without any. */
        LIFETIME_VALUE("lifetime_value"),
        /** Lifetime value divided by the number of purchases in the currency; a customer without one never matches. */
        AVERAGE_ORDER_VALUE("average_order_value");

        private final String keyword;

        MonetaryMeasure(String keyword) {
            this.keyword = keyword;
        }

        /** As written in the text form: {@code lifetime_value}, {@code average_order_value}. */
        public String keyword() {
            return keyword;
        }
    }

    /** {@code lifetime_value(JPY) >= 10000}, {@code average_order_value(EUR) < 20.50}. */
    record Monetary(MonetaryMeasure measure, String currency, Comparison comparison, BigDecimal amount)
            implements SegmentRule {
        public Monetary {
            Objects.requireNonNull(measure, "measure");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * The customer's current stage in journey model {@code model} is one of {@code stages}
     * ({@code stage(four_stage) = retention}); {@code negated}: it is none of them, which includes customers without a
     * stage in that model ({@code stage(four_stage) != retention}).
     */
    record Stage(String model, List<String> stages, boolean negated) implements SegmentRule {
        public Stage {
            Objects.requireNonNull(model, "model");
            stages = List.copyOf(stages);
        }
    }

    /** The customer is currently a member of segment {@code segmentId}: {@code segment(frequent_buyers)}. */
    record InSegment(String segmentId) implements SegmentRule {
        public InSegment {
            Objects.requireNonNull(segmentId, "segmentId");
        }
    }

    /**
     * The customer has given consent for {@code purpose} ({@code consent(email_marketing)}), or for it on one
     * {@code channel} ({@code consent(marketing, email)}); {@code channel} is null for the first form.
     */
    record Consent(String purpose, String channel) implements SegmentRule {
        public Consent {
            Objects.requireNonNull(purpose, "purpose");
        }
    }
}
