package io.kizuna.api.segment.rule;

import java.util.Optional;

/** How a measured number (a count, a number of days, an amount) is compared with the number a rule gives. */
public enum Comparison {
    AT_LEAST(">="),
    MORE_THAN(">"),
    AT_MOST("<="),
    LESS_THAN("<"),
    EQUAL("="),
    NOT_EQUAL("!=");

    /** What every error about a missing comparison lists. */
    public static final String ALL_SYMBOLS = ">=, >, <=, <, =, !=";

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** As written in the text and JSON forms: {@code >=}, {@code >}, {@code <=}, {@code <}, {@code =}, {@code !=}. */
    public String symbol() {
        return symbol;
    }

    public static Optional<Comparison> ofSymbol(String symbol) {
        for (Comparison comparison : values()) {
            if (comparison.symbol.equals(symbol)) {
                return Optional.of(comparison);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code measured} compared with {@code given} holds, e.g. {@code AT_LEAST.test(3, 2)}. */
    public boolean test(int measured, int given) {
        return test(Integer.compare(measured, given));
    }

    /** Whether a comparison whose {@code compareTo} result is {@code order} holds. */
    public boolean test(int order) {
        return switch (this) {
            case AT_LEAST -> order >= 0;
            case MORE_THAN -> order > 0;
            case AT_MOST -> order <= 0;
            case LESS_THAN -> order < 0;
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
        };
    }
}
