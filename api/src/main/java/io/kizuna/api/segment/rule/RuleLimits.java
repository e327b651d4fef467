package io.kizuna.api.segment.rule;

/**
 * The limits a rule must keep. Those marked "cost" bound the size of the Elasticsearch query (every condition is
 * evaluated for every customer, on every change and every background scan); a rule over them is refused as "too
 * expensive" with the reason. The others keep values meaningful.
 */
public final class RuleLimits {

    /** Cost: conditions (atoms such as {@code touchpoints(...) >= 3}) in one rule. */
    public static final int MAX_CONDITIONS = 50;

    /** Cost: nesting of and / or / not; a single condition has depth 1. */
    public static final int MAX_DEPTH = 10;

    /** Cost: values in one list ({@code type: (...)}, {@code in (...)}). */
    public static final int MAX_LIST_VALUES = 100;

    /** Cost: a window or date range at most this long (a relative window: 3,650 days, 521 weeks, 120 months). */
    public static final int MAX_WINDOW_YEARS = 10;

    /** Cost: the shortest text a {@code contains} may search for. */
    public static final int MIN_TEXT_MATCH_CHARACTERS = 3;

    /** The largest touchpoint count a rule may compare with. */
    public static final long MAX_COUNT = 1_000_000;

    /** The largest number of days {@code days_since} may compare with. */
    public static final int MAX_DAYS = 3_650;

    /** The longest text value or text match. */
    public static final int MAX_TEXT_CHARACTERS = 200;

    /** The longest rule text. */
    public static final int MAX_RULE_CHARACTERS = 10_000;

    private RuleLimits() {}
}
