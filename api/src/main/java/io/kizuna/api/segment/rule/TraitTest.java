package io.kizuna.api.segment.rule;

import java.util.List;
import java.util.Objects;

/** What a {@link SegmentRule.Trait} condition asks of the trait's value. */
public sealed interface TraitTest
        permits TraitTest.Equals, TraitTest.In, TraitTest.Range, TraitTest.Exists, TraitTest.TextMatch {

    /** {@code trait(plan) = "gold"}. */
    record Equals(TraitValue value) implements TraitTest {
        public Equals {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code trait(plan) in ("gold", "silver")}: equals any of them. */
    record In(List<TraitValue> values) implements TraitTest {
        public In {
            values = List.copyOf(values);
        }
    }

    /**
     * A one-sided comparison ({@code trait(age) >= 30}, {@code > 30}, {@code <= 30}, {@code < 30}) or, with both ends,
     * {@code trait(age) between 20 and 29} (both ends included). Numbers compare as numbers, text in code point order
     * (useful for ISO dates: {@code trait(signup_date) >= "2026-01-01"}).
     */
    record Range(TraitValue min, boolean minInclusive, TraitValue max, boolean maxInclusive) implements TraitTest {
        public Range {
            if (min == null && max == null) {
                throw new IllegalArgumentException("a range needs at least one end");
            }
            if (min != null && max != null && !(minInclusive && maxInclusive)) {
                throw new IllegalArgumentException("a range with both ends includes both (between a and b)");
            }
            if (min == null) {
                minInclusive = false;
            }
            if (max == null) {
                maxInclusive = false;
            }
        }

        public static Range between(TraitValue min, TraitValue max) {
            return new Range(min, true, max, true);
        }

        /** The one-sided range {@code trait(x) <comparison> value}; {@code =} and {@code !=} are no ranges. */
        public static Range of(Comparison comparison, TraitValue value) {
            return switch (comparison) {
                case AT_LEAST -> new Range(value, true, null, false);
                case MORE_THAN -> new Range(value, false, null, false);
                case AT_MOST -> new Range(null, false, value, true);
                case LESS_THAN -> new Range(null, false, value, false);
                case EQUAL, NOT_EQUAL -> throw new IllegalArgumentException(comparison + " is not a range");
            };
        }

        /** The comparison of a one-sided range; null for {@code between}. */
        public Comparison comparison() {
            if (min != null && max != null) {
                return null;
            }
            if (min != null) {
                return minInclusive ? Comparison.AT_LEAST : Comparison.MORE_THAN;
            }
            return maxInclusive ? Comparison.AT_MOST : Comparison.LESS_THAN;
        }
    }

    /** {@code trait(email) exists}: the customer has the trait, whatever its value. */
    record Exists() implements TraitTest {}

    /**
     * {@code trait(city) contains "tokyo"}: the trait's text contains every word of {@code text}, in any order and
     * case (full-text words, not substrings).
     */
    record TextMatch(String text) implements TraitTest {
        public TextMatch {
            Objects.requireNonNull(text, "text");
        }
    }
}
