package io.kizuna.api.segment.rule;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A value a trait is compared with: text ({@code "gold"}), a number ({@code 30}, {@code 2.5}) or a flag
 * ({@code true}). Text compares exactly (case and all); numbers compare as numbers ({@code 30} equals {@code 30.0});
 * a flag compares with the trait's text {@code true} / {@code false}.
 */
public sealed interface TraitValue permits TraitValue.Text, TraitValue.Numeric, TraitValue.Flag {

    /** The value in the JSON form: a String, a BigDecimal or a Boolean. */
    Object json();

    record Text(String value) implements TraitValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object json() {
            return value;
        }
    }

    record Numeric(BigDecimal value) implements TraitValue {
        public Numeric {
            Objects.requireNonNull(value, "value");
            // 30 and 30.0 are one value: equal records, one text form.
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
            if (value.scale() < 0) {
                value = value.setScale(0);
            }
        }

        @Override
        public Object json() {
            return value;
        }
    }

    record Flag(boolean value) implements TraitValue {
        @Override
        public Object json() {
            return value;
        }
    }

    static TraitValue of(String text) {
        return new Text(text);
    }

    static TraitValue of(long number) {
        return new Numeric(BigDecimal.valueOf(number));
    }

    static TraitValue of(boolean flag) {
        return new Flag(flag);
    }
}
