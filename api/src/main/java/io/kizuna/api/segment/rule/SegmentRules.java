package io.kizuna.api.segment.rule;

import io.kizuna.api.segment.rule.SegmentRule.And;
import io.kizuna.api.segment.rule.SegmentRule.DaysSince;
import io.kizuna.api.segment.rule.SegmentRule.FirstSeen;
import io.kizuna.api.segment.rule.SegmentRule.InSegment;
import io.kizuna.api.segment.rule.SegmentRule.Not;
import io.kizuna.api.segment.rule.SegmentRule.Or;
import io.kizuna.api.segment.rule.SegmentRule.TouchpointCount;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads, writes and checks segment rules in their two forms: the text form (the contract, e.g.
 * {@code touchpoints(type: purchase, within: 90d) >= 3 and stage(four_stage) = retention and
 * consent(email_marketing)}; grammar in {@code docs/segment-rules.md}) and the JSON form (plain maps and lists).
 *
 * <p>Both readers validate: a rule they return keeps every limit of {@link RuleLimits}. Mistakes are
 * {@link InvalidInputException}s: for the text form with field {@value #FIELD} and a message that starts with where
 * ({@code column 27: expected a comparison (>=, >, <=, <, =, !=) after touchpoints(...), found 'and'}); for the JSON
 * form with the JSON path as field ({@code rule.and[1].touchpoints.within}). A rule over a cost limit is refused
 * with a message starting {@code too expensive: } and the reason. Cycles between segments are not checked here: see
 * {@link #referencedSegments}.
 */
public final class SegmentRules {

    /** The field every error about a rule names (the root of JSON paths too). */
    public static final String FIELD = "rule";

    private static final String TOO_EXPENSIVE = "too expensive: ";

    private SegmentRules() {}

    /** The rule written in {@code text}, validated; throws {@link InvalidInputException} (field {@code rule}). */
    public static SegmentRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(FIELD, "the rule is empty: write at least one condition");
        }
        if (text.length() > RuleLimits.MAX_RULE_CHARACTERS) {
            throw new InvalidInputException(
                    FIELD, TOO_EXPENSIVE + "the rule is longer than " + RuleLimits.MAX_RULE_CHARACTERS + " characters");
        }
        RuleLocation location = new RuleLocation(text);
        RuleParser.Parsed parsed;
        try {
            parsed = RuleParser.parse(text);
        } catch (RuleSyntaxError e) {
            String message = e.getMessage();
            String where = location.describe(e.offset()) + ": ";
            throw new InvalidInputException(
                    FIELD,
                    message.startsWith(TOO_EXPENSIVE)
                            ? TOO_EXPENSIVE + where + message.substring(TOO_EXPENSIVE.length())
                            : where + message);
        }
        List<Violation> violations = new ArrayList<>();
        for (RuleValidator.Problem problem : RuleValidator.check(parsed.rule(), FIELD)) {
            StringBuilder message = new StringBuilder(problem.tooExpensive() ? TOO_EXPENSIVE : "");
            Integer offset = problem.at() == null ? null : parsed.offsets().get(problem.at());
            if (offset != null) {
                message.append(location.describe(offset)).append(": ");
            }
            if (problem.label() != null) {
                message.append(problem.label()).append(": ");
            }
            violations.add(
                    new Violation(FIELD, message.append(problem.message()).toString()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return parsed.rule();
    }

    /**
     * The canonical text form: reading it back gives an equal rule, and a rule written canonically reads back as
     * written (keywords lower case, single spaces, and / or inside another in parentheses).
     */
    public static String toText(SegmentRule rule) {
        return RuleText.toText(rule);
    }

    /** The JSON form, as maps (insertion-ordered), lists, strings, numbers (BigDecimal for amounts) and booleans. */
    public static Map<String, Object> toJson(SegmentRule rule) {
        return RuleJson.toJson(rule);
    }

    /** The rule in JSON form {@code json} (maps and lists), validated; errors name the JSON path from {@code rule}. */
    public static SegmentRule fromJson(Object json) {
        SegmentRule rule = RuleJson.fromJson(json, FIELD);
        validate(rule);
        return rule;
    }

    /** Throws {@link InvalidInputException}, fields as JSON paths, unless the rule keeps every limit. */
    public static void validate(SegmentRule rule) {
        List<Violation> violations = violations(rule);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /** Every problem of a rule, fields as JSON paths ({@code rule.and[1].touchpoints.within}); empty if none. */
    public static List<Violation> violations(SegmentRule rule) {
        List<Violation> violations = new ArrayList<>();
        for (RuleValidator.Problem problem : RuleValidator.check(rule, FIELD)) {
            String field = problem.part() == null ? problem.path() : problem.path() + "." + problem.part();
            violations.add(new Violation(field, (problem.tooExpensive() ? TOO_EXPENSIVE : "") + problem.message()));
        }
        return violations;
    }

    /** The ids of the segments the rule refers to with {@code segment(id)}, in order of appearance; for cycles. */
    public static Set<String> referencedSegments(SegmentRule rule) {
        Set<String> ids = new LinkedHashSet<>();
        collectSegments(rule, ids);
        return ids;
    }

    /**
     * The names of the traits whose values the rule tests ({@code trait(plan) = "gold"} names {@code plan}); asking
     * only whether a trait exists does not test its value.
     */
    public static Set<String> referencedTraits(SegmentRule rule) {
        Set<String> names = new LinkedHashSet<>();
        collectTraits(rule, names);
        return names;
    }

    private static void collectTraits(SegmentRule rule, Set<String> names) {
        if (rule instanceof And and) {
            and.rules().forEach(r -> collectTraits(r, names));
        } else if (rule instanceof Or or) {
            or.rules().forEach(r -> collectTraits(r, names));
        } else if (rule instanceof Not not) {
            collectTraits(not.rule(), names);
        } else if (rule instanceof SegmentRule.Trait trait && !(trait.test() instanceof TraitTest.Exists)) {
            names.add(trait.name());
        }
    }

    /**
     * Whether time alone can change the rule's answer for a customer: it has a relative window
     * ({@code within: 90d}, in a touchpoint count or {@code first_seen}) or a recency ({@code days_since}). A rule referring to another segment depends on time
     * also when that segment's rule does; the caller knows the other rules.
     */
    public static boolean dependsOnTime(SegmentRule rule) {
        if (rule instanceof And and) {
            return and.rules().stream().anyMatch(SegmentRules::dependsOnTime);
        }
        if (rule instanceof Or or) {
            return or.rules().stream().anyMatch(SegmentRules::dependsOnTime);
        }
        if (rule instanceof Not not) {
            return dependsOnTime(not.rule());
        }
        if (rule instanceof TouchpointCount count) {
            return count.window() instanceof RelativeWindow;
        }
        if (rule instanceof FirstSeen first) {
            return first.window() instanceof RelativeWindow;
        }
        return rule instanceof DaysSince;
    }

    private static void collectSegments(SegmentRule rule, Set<String> ids) {
        if (rule instanceof And and) {
            and.rules().forEach(r -> collectSegments(r, ids));
        } else if (rule instanceof Or or) {
            or.rules().forEach(r -> collectSegments(r, ids));
        } else if (rule instanceof Not not) {
            collectSegments(not.rule(), ids);
        } else if (rule instanceof InSegment in) {
            ids.add(in.segmentId());
        }
    }
}
