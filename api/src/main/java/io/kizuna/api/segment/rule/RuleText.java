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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the canonical text form: keywords in lower case, one space around operators, arguments in a fixed order,
 * an {@code and} or {@code or} inside another always in parentheses (so that reading it back gives the same rule,
 * and so that no reader has to remember that {@code and} binds tighter than {@code or}).
 */
final class RuleText {

    private RuleText() {}

    static String toText(SegmentRule rule) {
        if (rule instanceof And and) {
            return join(and.rules(), " and ");
        }
        if (rule instanceof Or or) {
            return join(or.rules(), " or ");
        }
        if (rule instanceof Not not) {
            return "not " + nested(not.rule());
        }
        if (rule instanceof TouchpointCount count) {
            List<String> args = new ArrayList<>();
            names(args, "type", count.types(), false);
            names(args, "channel", count.channels(), false);
            names(args, "campaign", count.campaigns(), true);
            window(args, count.window());
            return "touchpoints(" + String.join(", ", args) + ") "
                    + count.comparison().symbol() + " " + count.count();
        }
        if (rule instanceof Trait trait) {
            return "trait(" + name(trait.name()) + ") " + test(trait.test());
        }
        if (rule instanceof HasIdentifier has) {
            return "has_identifier(" + name(has.type()) + ")";
        }
        if (rule instanceof DaysSince since) {
            List<String> args = new ArrayList<>();
            names(args, "type", since.types(), false);
            names(args, "channel", since.channels(), false);
            return "days_since(" + String.join(", ", args) + ") "
                    + since.comparison().symbol() + " " + since.days();
        }
        if (rule instanceof FirstSeen first) {
            List<String> args = new ArrayList<>();
            window(args, first.window());
            return "first_seen(" + String.join(", ", args) + ")";
        }
        if (rule instanceof Monetary money) {
            return money.measure().keyword() + "(" + name(money.currency()) + ") "
                    + money.comparison().symbol() + " " + money.amount().toPlainString();
        }
        if (rule instanceof Stage stage) {
            String start = "stage(" + name(stage.model()) + ") ";
            if (stage.stages().size() == 1) {
                return start
                        + (stage.negated() ? "!= " : "= ")
                        + name(stage.stages().get(0));
            }
            return start + (stage.negated() ? "not in " : "in ") + list(stage.stages(), false);
        }
        if (rule instanceof InSegment in) {
            return "segment(" + name(in.segmentId()) + ")";
        }
        if (rule instanceof Consent consent) {
            return "consent(" + name(consent.purpose())
                    + (consent.channel() == null ? "" : ", " + name(consent.channel())) + ")";
        }
        throw new IllegalArgumentException("unknown rule " + rule);
    }

    private static void window(List<String> args, Window window) {
        if (window instanceof RelativeWindow within) {
            args.add("within: " + within);
        } else if (window instanceof AbsoluteRange range) {
            args.add("from: " + range.from());
            args.add("to: " + range.to());
        }
    }

    private static String join(List<SegmentRule> rules, String operator) {
        return rules.stream().map(RuleText::nested).collect(Collectors.joining(operator));
    }

    /** A rule inside and / or / not: composites in parentheses. */
    private static String nested(SegmentRule rule) {
        String text = toText(rule);
        return rule instanceof And || rule instanceof Or ? "(" + text + ")" : text;
    }

    private static String test(TraitTest test) {
        if (test instanceof TraitTest.Equals equals) {
            return "= " + value(equals.value());
        }
        if (test instanceof TraitTest.In in) {
            return "in (" + in.values().stream().map(RuleText::value).collect(Collectors.joining(", ")) + ")";
        }
        if (test instanceof TraitTest.Range range) {
            Comparison comparison = range.comparison();
            if (comparison == null) {
                return "between " + value(range.min()) + " and " + value(range.max());
            }
            return comparison.symbol() + " " + value(range.min() != null ? range.min() : range.max());
        }
        if (test instanceof TraitTest.Exists) {
            return "exists";
        }
        if (test instanceof TraitTest.TextMatch match) {
            return "contains " + quote(match.text());
        }
        throw new IllegalArgumentException("unknown trait test " + test);
    }

    static String value(TraitValue value) {
        if (value instanceof TraitValue.Text text) {
            return quote(text.value());
        }
        if (value instanceof TraitValue.Numeric number) {
            return number.value().toPlainString();
        }
        return String.valueOf(((TraitValue.Flag) value).value());
    }

    private static void names(List<String> args, String label, List<String> values, boolean quoted) {
        if (!values.isEmpty()) {
            args.add(label + ": " + (values.size() == 1 ? item(values.get(0), quoted) : list(values, quoted)));
        }
    }

    private static String list(List<String> values, boolean quoted) {
        return "(" + values.stream().map(v -> item(v, quoted)).collect(Collectors.joining(", ")) + ")";
    }

    private static String item(String value, boolean quoted) {
        return quoted ? quote(value) : name(value);
    }

    /** A name bare when it reads back as one, else in double quotes. */
    static String name(String value) {
        return RuleLexer.isBareName(value) ? value : quote(value);
    }

    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
