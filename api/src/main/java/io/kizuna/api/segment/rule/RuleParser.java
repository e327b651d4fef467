package io.kizuna.api.segment.rule;

import io.kizuna.api.segment.rule.RuleLexer.Kind;
import io.kizuna.api.segment.rule.RuleLexer.Token;
import io.kizuna.api.segment.rule.SegmentRule.And;
import io.kizuna.api.segment.rule.SegmentRule.Consent;
import io.kizuna.api.segment.rule.SegmentRule.DaysSince;
import io.kizuna.api.segment.rule.SegmentRule.FirstSeen;
import io.kizuna.api.segment.rule.SegmentRule.HasIdentifier;
import io.kizuna.api.segment.rule.SegmentRule.InSegment;
import io.kizuna.api.segment.rule.SegmentRule.Monetary;
import io.kizuna.api.segment.rule.SegmentRule.MonetaryMeasure;
import io.kizuna.api.segment.rule.SegmentRule.Not;
import io.kizuna.api.segment.rule.SegmentRule.Or;
import io.kizuna.api.segment.rule.SegmentRule.Stage;
import io.kizuna.api.segment.rule.SegmentRule.TouchpointCount;
import io.kizuna.api.segment.rule.SegmentRule.Trait;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the text form (grammar in {@code docs/segment-rules.md}) by recursive descent. Keywords are
 * case-insensitive; names keep their case. Errors are {@link RuleSyntaxError}s at the offending token, saying what
 * was expected there. Records where each condition starts, so that validation can point at it.
 */
final class RuleParser {

    /** A parsed rule and the offset in the text where each of its conditions starts. */
    record Parsed(SegmentRule rule, Map<SegmentRule, Integer> offsets) {}

    static final List<String> CONDITIONS = List.of(
            "touchpoints",
            "trait",
            "has_identifier",
            "days_since",
            "first_seen",
            "lifetime_value",
            "average_order_value",
            "stage",
            "segment",
            "consent");

    private static final String A_CONDITION = "a condition (" + String.join(", ", CONDITIONS) + "), not or '('";

    /** Parentheses and nots nested deeper than this are refused before they can exhaust the stack. */
    private static final int MAX_NESTING = 4 * RuleLimits.MAX_DEPTH;

    private final List<Token> tokens;
    private final RuleLocation location;
    private final Map<SegmentRule, Integer> offsets = new IdentityHashMap<>();
    private int index;
    private int nesting;

    private RuleParser(String text) {
        this.tokens = RuleLexer.tokens(text);
        this.location = new RuleLocation(text);
    }

    static Parsed parse(String text) {
        RuleParser parser = new RuleParser(text);
        SegmentRule rule = parser.rule();
        return new Parsed(rule, parser.offsets);
    }

    private SegmentRule rule() {
        if (peek().is(Kind.END)) {
            throw new RuleSyntaxError(0, "the rule is empty: expected " + A_CONDITION);
        }
        SegmentRule rule = or();
        Token next = peek();
        if (next.is(Kind.RPAREN)) {
            throw new RuleSyntaxError(next.offset(), "this ')' closes no '('");
        }
        if (!next.is(Kind.END)) {
            throw expected(next, "and, or, or the end of the rule");
        }
        return rule;
    }

    private SegmentRule or() {
        List<SegmentRule> rules = new ArrayList<>();
        int start = peek().offset();
        rules.add(and());
        while (peek().isKeyword("or")) {
            index++;
            rules.add(and());
        }
        return rules.size() == 1 ? rules.get(0) : at(start, new Or(rules));
    }

    private SegmentRule and() {
        List<SegmentRule> rules = new ArrayList<>();
        int start = peek().offset();
        rules.add(unary());
        while (peek().isKeyword("and")) {
            index++;
            rules.add(unary());
        }
        return rules.size() == 1 ? rules.get(0) : at(start, new And(rules));
    }

    private SegmentRule unary() {
        Token token = peek();
        if (token.isKeyword("not")) {
            index++;
            enter(token);
            SegmentRule negated = unary();
            nesting--;
            return at(token.offset(), new Not(negated));
        }
        if (token.is(Kind.LPAREN)) {
            index++;
            enter(token);
            SegmentRule inner = or();
            Token close = peek();
            if (!close.is(Kind.RPAREN)) {
                throw expected(close, "and, or, or ')' to close the '(' at " + location.describe(token.offset()));
            }
            index++;
            nesting--;
            return inner;
        }
        if (token.is(Kind.NAME) && !token.isKeyword("and") && !token.isKeyword("or")) {
            return atom();
        }
        throw expected(token, A_CONDITION);
    }

    private void enter(Token token) {
        if (++nesting > MAX_NESTING) {
            throw new RuleSyntaxError(
                    token.offset(),
                    "too expensive: the rule nests deeper than " + RuleLimits.MAX_DEPTH + " levels of and, or, not");
        }
    }

    private SegmentRule atom() {
        Token name = next();
        String keyword = name.text().toLowerCase(Locale.ROOT);
        SegmentRule rule =
                switch (keyword) {
                    case "touchpoints" -> touchpoints();
                    case "trait" -> trait(name);
                    case "has_identifier" -> new HasIdentifier(single(keyword, "an identifier type such as email"));
                    case "days_since" -> daysSince();
                    case "first_seen" -> firstSeen(name);
                    case "lifetime_value" -> monetary(MonetaryMeasure.LIFETIME_VALUE);
                    case "average_order_value" -> monetary(MonetaryMeasure.AVERAGE_ORDER_VALUE);
                    case "stage" -> stage();
                    case "segment" -> new InSegment(single(keyword, "a segment id"));
                    case "consent" -> consent();
                    default -> throw unknownCondition(name);
                };
        return at(name.offset(), rule);
    }

    private RuleSyntaxError unknownCondition(Token name) {
        String guess = RuleLocation.closest(name.text().toLowerCase(Locale.ROOT), CONDITIONS);
        return new RuleSyntaxError(
                name.offset(),
                "unknown condition '" + name.text() + "'"
                        + (guess == null ? "" : " (did you mean " + guess + "?)")
                        + "; expected " + A_CONDITION);
    }

    // ---- touchpoints(...) CMP n and days_since(...) CMP n

    /** The labelled arguments of touchpoints(...) and days_since(...), with where each label was written. */
    private static final class Arguments {
        List<String> types;
        List<String> channels;
        List<String> campaigns;
        RelativeWindow within;
        LocalDate from;
        LocalDate to;
        Token withinLabel;
        Token fromLabel;
        Token toLabel;
    }

    private static final List<String> TOUCHPOINT_LABELS =
            List.of("type", "channel", "campaign", "within", "from", "to");
    private static final List<String> RECENCY_LABELS = List.of("type", "channel");
    private static final List<String> WINDOW_LABELS = List.of("within", "from", "to");

    private TouchpointCount touchpoints() {
        Arguments args = arguments("touchpoints", TOUCHPOINT_LABELS);
        Window window = window(args, "touchpoints");
        Comparison comparison = comparison("touchpoints(...)");
        long count = wholeNumber("a count", "touchpoints(...) " + comparison.symbol());
        return new TouchpointCount(args.types, args.channels, args.campaigns, window, comparison, count);
    }

    private DaysSince daysSince() {
        Arguments args = arguments("days_since", RECENCY_LABELS);
        Comparison comparison = comparison("days_since(...)");
        long days = wholeNumber("a number of days", "days_since(...) " + comparison.symbol());
        return new DaysSince(args.types, args.channels, comparison, (int) Math.min(days, Integer.MAX_VALUE));
    }

    /** {@code first_seen(within: 30d)} or {@code first_seen(from: d1, to: d2)}: a window is required. */
    private FirstSeen firstSeen(Token name) {
        Arguments args = arguments("first_seen", WINDOW_LABELS);
        Window window = window(args, "first_seen");
        if (window == null) {
            throw new RuleSyntaxError(
                    name.offset(),
                    "first_seen(...) needs a window: within: (e.g. first_seen(within: 30d)) or from: and to:");
        }
        return new FirstSeen(window);
    }

    /** The window the arguments give: {@code within:}, or {@code from:} with {@code to:}; null when none. */
    private static Window window(Arguments args, String condition) {
        if (args.within != null) {
            if (args.fromLabel != null || args.toLabel != null) {
                Token later = args.fromLabel != null ? args.fromLabel : args.toLabel;
                throw new RuleSyntaxError(
                        later.offset(), "give either within: or from: and to:, not both (" + condition + "(...))");
            }
            return args.within;
        }
        if (args.fromLabel != null || args.toLabel != null) {
            if (args.fromLabel == null || args.toLabel == null) {
                Token given = args.fromLabel != null ? args.fromLabel : args.toLabel;
                throw new RuleSyntaxError(
                        given.offset(),
                        "a date range needs both from: and to: (e.g. from: 2026-01-01, to: 2026-03-31)");
            }
            return new AbsoluteRange(args.from, args.to);
        }
        return null;
    }

    private Arguments arguments(String condition, List<String> labels) {
        expect(Kind.LPAREN, "'(' after " + condition);
        Arguments args = new Arguments();
        if (peek().is(Kind.RPAREN)) {
            index++;
            return args;
        }
        Set<String> seen = new java.util.HashSet<>();
        while (true) {
            Token label = peek();
            if (!label.is(Kind.NAME)) {
                throw expected(label, "an argument of " + condition + " (" + String.join(":, ", labels) + ":)");
            }
            index++;
            String key = canonicalLabel(label.text().toLowerCase(Locale.ROOT));
            if (!labels.contains(key)) {
                String guess = RuleLocation.closest(key, labels);
                throw new RuleSyntaxError(
                        label.offset(),
                        "unknown argument '" + label.text() + "' of " + condition
                                + (guess == null ? "" : " (did you mean " + guess + ":?)")
                                + "; expected " + String.join(":, ", labels) + ":");
            }
            if (!seen.add(key)) {
                throw new RuleSyntaxError(label.offset(), key + ": is given twice in " + condition + "(...)");
            }
            expect(Kind.COLON, "':' after " + key);
            switch (key) {
                case "type" -> args.types = nameList("a touchpoint type such as purchase");
                case "channel" -> args.channels = nameList("a channel such as email");
                case "campaign" -> args.campaigns = nameList("a campaign such as \"spring_sale\"");
                case "within" -> {
                    args.withinLabel = label;
                    args.within = window();
                }
                case "from" -> {
                    args.fromLabel = label;
                    args.from = date();
                }
                case "to" -> {
                    args.toLabel = label;
                    args.to = date();
                }
                default -> throw new IllegalStateException(key);
            }
            Token separator = next();
            if (separator.is(Kind.RPAREN)) {
                return args;
            }
            if (!separator.is(Kind.COMMA)) {
                throw expected(separator, "',' or ')' after " + key + ": in " + condition + "(...)");
            }
        }
    }

    private static String canonicalLabel(String label) {
        return switch (label) {
            case "types" -> "type";
            case "channels" -> "channel";
            case "campaigns" -> "campaign";
            default -> label;
        };
    }

    private RelativeWindow window() {
        Token token = next();
        if (token.is(Kind.DURATION)) {
            String digits = token.text().substring(0, token.text().length() - 1);
            String suffix = token.text().substring(token.text().length() - 1);
            RelativeWindow.Unit unit = RelativeWindow.Unit.ofSuffix(suffix)
                    .orElseThrow(() -> new RuleSyntaxError(
                            token.offset(),
                            "unknown unit '" + suffix + "' in " + token.text()
                                    + ": use h (hours), d (days), w (weeks), m (months) or y (years)"));
            // An absurd amount is kept (capped) so that validation refuses it as too long, with the reason.
            int amount = digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
            return new RelativeWindow(amount, unit);
        }
        throw expected(token, "a window such as 90d, 12w, 6m, 1y or 24h");
    }

    private LocalDate date() {
        Token token = next();
        if (!token.is(Kind.DATE)) {
            throw expected(token, "a date such as 2026-01-31");
        }
        try {
            return LocalDate.parse(token.text());
        } catch (DateTimeParseException e) {
            throw new RuleSyntaxError(token.offset(), "'" + token.text() + "' is not a date of the calendar");
        }
    }

    private Comparison comparison(String after) {
        Token token = peek();
        if (token.is(Kind.OPERATOR)) {
            index++;
            return Comparison.ofSymbol(token.text()).orElseThrow();
        }
        throw expected(token, "a comparison (" + Comparison.ALL_SYMBOLS + ") after " + after);
    }

    private long wholeNumber(String what, String after) {
        Token token = next();
        if (token.is(Kind.NUMBER) && token.text().matches("[0-9]+")) {
            // A count beyond a long is kept as the largest long, which validation refuses as out of range.
            return token.text().length() > 18 ? Long.MAX_VALUE : Long.parseLong(token.text());
        }
        throw expected(token, what + " (a whole number, 0 or more) after " + after);
    }

    // ---- trait(name) ...

    private SegmentRule trait(Token start) {
        expect(Kind.LPAREN, "'(' after trait");
        String name = nameOrText("a trait name such as plan");
        expect(Kind.RPAREN, "')' after the trait name");
        String after = "trait(" + name + ")";
        Token token = next();
        if (token.is(Kind.OPERATOR)) {
            Comparison comparison = Comparison.ofSymbol(token.text()).orElseThrow();
            TraitValue value = traitValue(after + " " + token.text());
            return switch (comparison) {
                case EQUAL -> new Trait(name, new TraitTest.Equals(value));
                case NOT_EQUAL -> new Not(at(start.offset(), new Trait(name, new TraitTest.Equals(value))));
                default -> new Trait(name, TraitTest.Range.of(comparison, value));
            };
        }
        if (token.isKeyword("in")) {
            return new Trait(name, new TraitTest.In(valueList(after + " in")));
        }
        if (token.isKeyword("not")) {
            expectKeyword("in", "in after " + after + " not");
            return new Not(at(start.offset(), new Trait(name, new TraitTest.In(valueList(after + " not in")))));
        }
        if (token.isKeyword("exists")) {
            return new Trait(name, new TraitTest.Exists());
        }
        if (token.isKeyword("between")) {
            TraitValue min = traitValue(after + " between");
            expectKeyword("and", "and after " + after + " between " + RuleText.value(min));
            TraitValue max = traitValue(after + " between " + RuleText.value(min) + " and");
            return new Trait(name, TraitTest.Range.between(min, max));
        }
        if (token.isKeyword("contains")) {
            Token text = next();
            if (!text.is(Kind.STRING)) {
                throw expected(text, "a text in double quotes after " + after + " contains");
            }
            return new Trait(name, new TraitTest.TextMatch(text.text()));
        }
        throw expected(
                token,
                "a test after " + after + ": a comparison (" + Comparison.ALL_SYMBOLS
                        + "), in, not in, exists, between or contains");
    }

    private List<TraitValue> valueList(String after) {
        expect(Kind.LPAREN, "'(' to start the list of values after " + after);
        List<TraitValue> values = new ArrayList<>();
        values.add(traitValue(after + " ("));
        while (true) {
            Token token = next();
            if (token.is(Kind.RPAREN)) {
                return values;
            }
            if (!token.is(Kind.COMMA)) {
                throw expected(token, "',' or ')' in the list of values after " + after);
            }
            values.add(traitValue(after + " (..."));
        }
    }

    private TraitValue traitValue(String after) {
        Token token = next();
        if (token.is(Kind.STRING)) {
            return new TraitValue.Text(token.text());
        }
        if (token.is(Kind.NUMBER)) {
            return new TraitValue.Numeric(new BigDecimal(token.text()));
        }
        if (token.isKeyword("true") || token.isKeyword("false")) {
            return new TraitValue.Flag(token.isKeyword("true"));
        }
        String hint = token.is(Kind.NAME) ? " (write text in double quotes: \"" + token.text() + "\")" : "";
        throw new RuleSyntaxError(
                token.offset(),
                "expected a value after " + after + ": a text in double quotes, a number, true or false; found "
                        + token.describe() + hint);
    }

    // ---- the other conditions

    private SegmentRule monetary(MonetaryMeasure measure) {
        expect(Kind.LPAREN, "'(' after " + measure.keyword());
        Token currency = next();
        if (!currency.is(Kind.NAME)) {
            throw expected(currency, "a currency code such as JPY after " + measure.keyword() + "(");
        }
        expect(Kind.RPAREN, "')' after the currency");
        String after = measure.keyword() + "(" + currency.text() + ")";
        Comparison comparison = comparison(after);
        Token amount = next();
        if (!amount.is(Kind.NUMBER)) {
            throw expected(amount, "an amount such as 10000 or 24.50 after " + after + " " + comparison.symbol());
        }
        return new Monetary(
                measure, currency.text().toUpperCase(Locale.ROOT), comparison, new BigDecimal(amount.text()));
    }

    private Stage stage() {
        expect(Kind.LPAREN, "'(' after stage");
        String model = nameOrText("a journey model id such as four_stage");
        expect(Kind.RPAREN, "')' after the journey model");
        String after = "stage(" + model + ")";
        Token token = next();
        if (token.isOperator("=") || token.isOperator("!=")) {
            return new Stage(
                    model,
                    List.of(nameOrText("a stage id after " + after + " " + token.text())),
                    token.isOperator("!="));
        }
        if (token.isKeyword("in")) {
            return new Stage(model, parenthesisedNames("a stage id"), false);
        }
        if (token.isKeyword("not")) {
            expectKeyword("in", "in after " + after + " not");
            return new Stage(model, parenthesisedNames("a stage id"), true);
        }
        throw expected(token, "=, !=, in or not in after " + after);
    }

    private Consent consent() {
        expect(Kind.LPAREN, "'(' after consent");
        String purpose = nameOrText("a consent purpose such as email_marketing");
        String channel = null;
        if (peek().is(Kind.COMMA)) {
            index++;
            // consent(p, channel: c) reads like the other conditions' arguments; consent(p, c) is the short form
            if (peek().is(Kind.NAME)
                    && peek().isKeyword("channel")
                    && tokens.get(index + 1).is(Kind.COLON)) {
                index += 2;
            }
            channel = nameOrText("a channel such as email after the purpose");
        }
        expect(Kind.RPAREN, channel == null ? "',' and a channel, or ')' after the purpose" : "')' after the channel");
        return new Consent(purpose, channel);
    }

    /** {@code keyword(name)}: has_identifier, segment. */
    private String single(String keyword, String what) {
        expect(Kind.LPAREN, "'(' after " + keyword);
        String name = nameOrText(what);
        expect(Kind.RPAREN, "')' after " + keyword + "(" + name);
        return name;
    }

    private List<String> nameList(String what) {
        if (peek().is(Kind.LPAREN)) {
            return parenthesisedNames(what);
        }
        return List.of(nameOrText(what));
    }

    private List<String> parenthesisedNames(String what) {
        expect(Kind.LPAREN, "'(' to start a list");
        List<String> names = new ArrayList<>();
        names.add(nameOrText(what));
        while (true) {
            Token token = next();
            if (token.is(Kind.RPAREN)) {
                return names;
            }
            if (!token.is(Kind.COMMA)) {
                throw expected(token, "',' or ')' in the list");
            }
            names.add(nameOrText(what));
        }
    }

    /** A name as written ({@code purchase}), or any text in double quotes. */
    private String nameOrText(String what) {
        Token token = next();
        if (token.is(Kind.NAME) || token.is(Kind.STRING)) {
            return token.text();
        }
        throw expected(token, what);
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (!token.is(Kind.END)) {
            index++;
        }
        return token;
    }

    private void expect(Kind kind, String what) {
        Token token = next();
        if (!token.is(kind)) {
            throw expected(token, what);
        }
    }

    private void expectKeyword(String keyword, String what) {
        Token token = next();
        if (!token.isKeyword(keyword)) {
            throw expected(token, what);
        }
    }

    private static RuleSyntaxError expected(Token found, String what) {
        return new RuleSyntaxError(found.offset(), "expected " + what + ", found " + found.describe());
    }

    private <R extends SegmentRule> R at(int offset, R rule) {
        offsets.putIfAbsent(rule, offset);
        return rule;
    }
}
