package io.kizuna.api.journey;

import java.util.List;

/**
 * A test of one touchpoint property, compared as text: {@code equals} one value, or is one of {@code anyOf}, or
 * ({@code exists}) is present at all / absent. Exactly one of the three is given.
 */
public record PropertyCondition(String name, String equals, List<String> anyOf, Boolean exists) {

    public PropertyCondition {
        anyOf = anyOf == null ? List.of() : List.copyOf(anyOf);
    }
}
