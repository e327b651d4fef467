package io.kizuna.api.segment.rule;

import io.kizuna.api.segment.rule.SegmentRule.And;
import io.kizuna.api.segment.rule.SegmentRule.Consent;
import io.kizuna.api.segment.rule.SegmentRule.DaysSince;
import io.kizuna.api.segment.rule.SegmentRule.FirstSeen;
import io.kizuna.api.segment.rule.SegmentRule.HasIdentifier;
import io.kizuna.api.segment.rule.SegmentRule.InSegment;
import io.kizuna.api.segment.rule.SegmentRule.Monetary;
import io.kizuna.api.segment.rule.SegmentRule.Not;
import io.kizuna.api.segment.rule.SegmentRule.Or;
import io.kizuna.api.segment.rule.SegmentRule.Stage;
import io.kizuna.api.segment.rule.SegmentRule.TouchpointCount;
import io.kizuna.api.segment.rule.SegmentRule.Trait;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a rule against the value rules and the cost limits of {@link RuleLimits}. Every problem names the condition
 * at fault (its JSON path, and its label for the text form) and the part of it, so that either form can point at it.
 */
final class RuleValidator {

    /**
     * One thing wrong: in condition {@code at} (null: the rule as a whole), whose JSON path is {@code path} and which
     * reads {@code label} in the text form; {@code part} is the JSON key at fault (null: the condition itself).
     */
    record Problem(SegmentRule at, String path, String label, String part, String message, boolean tooExpensive) {}

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern IDENTIFIER_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final String SNAKE_CASE = "lower snake case (a-z, 0-9, _; starting with a letter; at most 64)";

    private final List<Problem> problems = new ArrayList<>();
    private int conditions;
    private int depth;

    private RuleValidator() {}

    static List<Problem> check(SegmentRule rule, String root) {
        RuleValidator validator = new RuleValidator();
        validator.walk(rule, root, 1);
        List<Problem> all = new ArrayList<>();
        if (validator.conditions > RuleLimits.MAX_CONDITIONS) {
            all.add(new Problem(
                    null,
                    root,
                    null,
                    null,
                    "the rule has " + validator.conditions + " conditions; at most " + RuleLimits.MAX_CONDITIONS
                            + " are allowed",
                    true));
        }
        if (validator.depth > RuleLimits.MAX_DEPTH) {
            all.add(new Problem(
                    null,
                    root,
                    null,
                    null,
                    "the rule nests " + validator.depth + " levels of and, or, not deep; at most "
                            + RuleLimits.MAX_DEPTH + " are allowed",
                    true));
        }
        all.addAll(validator.problems);
        return all;
    }

    private void walk(SegmentRule rule, String path, int level) {
        depth = Math.max(depth, level);
        if (rule instanceof And and) {
            for (int i = 0; i < and.rules().size(); i++) {
                walk(and.rules().get(i), path + ".and[" + i + "]", level + 1);
            }
            return;
        }
        if (rule instanceof Or or) {
            for (int i = 0; i < or.rules().size(); i++) {
                walk(or.rules().get(i), path + ".or[" + i + "]", level + 1);
            }
            return;
        }
        if (rule instanceof Not not) {
            walk(not.rule(), path + ".not", level + 1);
            return;
        }
        conditions++;
        Condition condition = new Condition(rule, path + "." + RuleJson.key(rule), label(rule));
        if (rule instanceof TouchpointCount count) {
            touchpoints(condition, count);
        } else if (rule instanceof Trait trait) {
            trait(condition, trait);
        } else if (rule instanceof HasIdentifier has) {
            if (!IDENTIFIER_TYPE.matcher(has.type()).matches()) {
                condition.invalid(
                        null,
                        "'" + has.type() + "' is not an identifier type: types start with a letter and use letters,"
                                + " digits, '_', '.', '-' (e.g. email, userId)");
            }
        } else if (rule instanceof DaysSince since) {
            names(condition, "types", since.types(), "a touchpoint type");
            names(condition, "channels", since.channels(), "a channel");
            if (since.days() < 0 || since.days() > RuleLimits.MAX_DAYS) {
                condition.invalid("days", "days must be 0 to " + RuleLimits.MAX_DAYS + ", got " + since.days());
            }
        } else if (rule instanceof FirstSeen first) {
            window(condition, first.window());
        } else if (rule instanceof Monetary money) {
            monetary(condition, money);
        } else if (rule instanceof Stage stage) {
            name(condition, "model", stage.model(), "a journey model id");
            String part = stage.negated() ? "notIn" : "in";
            if (stage.stages().isEmpty()) {
                condition.invalid(part, "name at least one stage");
            }
            listSize(condition, part, stage.stages().size());
            names(condition, part, stage.stages(), "a stage id");
        } else if (rule instanceof InSegment in) {
            name(condition, null, in.segmentId(), "a segment id");
        } else if (rule instanceof Consent consent) {
            name(condition, "purpose", consent.purpose(), "a consent purpose");
            if (consent.channel() != null) {
                name(condition, "channel", consent.channel(), "a channel");
            }
        }
    }

    private void touchpoints(Condition condition, TouchpointCount count) {
        names(condition, "types", count.types(), "a touchpoint type");
        names(condition, "channels", count.channels(), "a channel");
        listSize(condition, "campaigns", count.campaigns().size());
        for (String campaign : count.campaigns()) {
            if (campaign.isBlank() || campaign.length() > RuleLimits.MAX_TEXT_CHARACTERS) {
                condition.invalid("campaigns", "a campaign is 1 to " + RuleLimits.MAX_TEXT_CHARACTERS + " characters");
            }
        }
        window(condition, count.window());
        if (count.count() < 0 || count.count() > RuleLimits.MAX_COUNT) {
            condition.invalid(
                    "count",
                    "a count must be 0 to 1,000,000, got "
                            + (count.count() == Long.MAX_VALUE ? "more" : String.valueOf(count.count())));
        }
    }

    /** A window of 1 hour to 10 years; a date range that runs forwards. */
    private static void window(Condition condition, Window window) {
        if (window instanceof RelativeWindow within) {
            if (within.amount() < 1) {
                condition.invalid("within", "a window must be at least 1 hour, got " + within);
            } else if (within.amount() > within.unit().max()) {
                condition.tooExpensive(
                        "within",
                        "a window of " + (within.amount() == Integer.MAX_VALUE ? "that size" : within.toString())
                                + " is longer than " + RuleLimits.MAX_WINDOW_YEARS + " years");
            }
        } else if (window instanceof AbsoluteRange range) {
            if (range.from().isAfter(range.to())) {
                condition.invalid("from", "from: " + range.from() + " is after to: " + range.to());
            } else if (!range.to().isBefore(range.from().plusYears(RuleLimits.MAX_WINDOW_YEARS))) {
                condition.tooExpensive(
                        "to",
                        "from: " + range.from() + " to: " + range.to() + " is longer than "
                                + RuleLimits.MAX_WINDOW_YEARS + " years");
            }
        }
    }

    private void trait(Condition condition, Trait trait) {
        if (trait.name().isBlank() || trait.name().length() > RuleLimits.MAX_TEXT_CHARACTERS) {
            condition.invalid("name", "a trait name is 1 to " + RuleLimits.MAX_TEXT_CHARACTERS + " characters");
        }
        TraitTest test = trait.test();
        if (test instanceof TraitTest.Equals equals) {
            value(condition, "equals", equals.value());
        } else if (test instanceof TraitTest.In in) {
            if (in.values().isEmpty()) {
                condition.invalid("in", "name at least one value");
            }
            listSize(condition, "in", in.values().size());
            in.values().forEach(value -> value(condition, "in", value));
        } else if (test instanceof TraitTest.Range range) {
            String part = range.comparison() == null ? "between" : "value";
            TraitValue min = range.min();
            TraitValue max = range.max();
            for (TraitValue end : new TraitValue[] {min, max}) {
                if (end instanceof TraitValue.Flag) {
                    condition.invalid(part, "a range compares numbers or texts, not true / false");
                    return;
                }
                if (end != null) {
                    value(condition, part, end);
                }
            }
            if (min != null && max != null) {
                if (min.getClass() != max.getClass()) {
                    condition.invalid(part, "both ends of a range must be numbers, or both texts");
                } else if (compare(min, max) > 0) {
                    condition.invalid(
                            part,
                            "between " + RuleText.value(min) + " and " + RuleText.value(max)
                                    + " matches nothing: give the smaller value first");
                }
            }
        } else if (test instanceof TraitTest.TextMatch match) {
            String text = match.text().strip();
            if (text.length() < RuleLimits.MIN_TEXT_MATCH_CHARACTERS) {
                condition.tooExpensive(
                        "contains",
                        "a text match needs at least " + RuleLimits.MIN_TEXT_MATCH_CHARACTERS + " characters, got "
                                + RuleText.quote(match.text()));
            } else if (text.length() > RuleLimits.MAX_TEXT_CHARACTERS) {
                condition.invalid(
                        "contains", "a text match is at most " + RuleLimits.MAX_TEXT_CHARACTERS + " characters");
            }
        }
    }

    private static int compare(TraitValue a, TraitValue b) {
        if (a instanceof TraitValue.Numeric x && b instanceof TraitValue.Numeric y) {
            return x.value().compareTo(y.value());
        }
        return ((TraitValue.Text) a).value().compareTo(((TraitValue.Text) b).value());
    }

    private static void value(Condition condition, String part, TraitValue value) {
        if (value instanceof TraitValue.Text text && text.value().length() > RuleLimits.MAX_TEXT_CHARACTERS) {
            condition.invalid(part, "a text value is at most " + RuleLimits.MAX_TEXT_CHARACTERS + " characters");
        }
        if (value instanceof TraitValue.Numeric number && !fits(number.value())) {
            condition.invalid(part, "a number has at most 18 digits before the point and 6 after it");
        }
    }

    private void monetary(Condition condition, Monetary money) {
        if (!isIsoCurrency(money.currency())) {
            condition.invalid(
                    "currency", "'" + money.currency() + "' is not an ISO 4217 currency code such as JPY or EUR");
        }
        if (!fits(money.amount())) {
            condition.invalid("amount", "an amount has at most 18 digits before the point and 6 after it");
        }
    }

    private static boolean fits(BigDecimal number) {
        return number.scale() <= 6 && number.precision() - number.scale() <= 18;
    }

    static boolean isIsoCurrency(String code) {
        if (code.length() != 3 || !code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void listSize(Condition condition, String part, int size) {
        if (size > RuleLimits.MAX_LIST_VALUES) {
            condition.tooExpensive(
                    part, "a list has " + size + " values; at most " + RuleLimits.MAX_LIST_VALUES + " are allowed");
        }
    }

    private static void names(Condition condition, String part, List<String> names, String what) {
        listSize(condition, part, names.size());
        for (String name : names) {
            name(condition, part, name, what);
        }
    }

    private static void name(Condition condition, String part, String name, String what) {
        if (!NAME.matcher(name).matches()) {
            condition.invalid(part, "'" + name + "' is not " + what + ": it must be " + SNAKE_CASE);
        }
    }

    /** How a condition reads in a text-form message: {@code touchpoints(...)}, {@code trait(plan)}. */
    static String label(SegmentRule rule) {
        if (rule instanceof TouchpointCount) {
            return "touchpoints(...)";
        }
        if (rule instanceof DaysSince) {
            return "days_since(...)";
        }
        if (rule instanceof FirstSeen) {
            return "first_seen(...)";
        }
        if (rule instanceof Trait trait) {
            return "trait(" + RuleText.name(trait.name()) + ")";
        }
        if (rule instanceof Monetary money) {
            return money.measure().keyword() + "(" + money.currency() + ")";
        }
        if (rule instanceof Stage stage) {
            return "stage(" + RuleText.name(stage.model()) + ")";
        }
        return RuleText.toText(rule);
    }

    /** The condition being checked; collects its problems into the validator's. */
    private final class Condition {
        private final SegmentRule rule;
        private final String path;
        private final String label;

        Condition(SegmentRule rule, String path, String label) {
            this.rule = rule;
            this.path = path;
            this.label = label;
        }

        void invalid(String part, String message) {
            problems.add(new Problem(rule, path, label, part, message, false));
        }

        void tooExpensive(String part, String message) {
            problems.add(new Problem(rule, path, label, part, message, true));
        }
    }
}
