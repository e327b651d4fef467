package io.kizuna.api.segment.rule;

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
import io.kizuna.api.validation.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form as plain maps, lists, strings, numbers and booleans (the GraphQL layer serialises them), e.g.
 * {@code {"and": [{"touchpoints": {"types": ["purchase"], "within": "90d", "op": ">=", "count": 3}}, ...]}}.
 * Reading throws {@link InvalidInputException} at the first structural mistake, its field the JSON path
 * ({@code rule.and[1].touchpoints.within}); value and cost limits are checked afterwards by {@link RuleValidator}.
 */
final class RuleJson {

    private static final List<String> KEYS = List.of(
            "and",
            "or",
            "not",
            "touchpoints",
            "trait",
            "hasIdentifier",
            "daysSince",
            "firstSeen",
            "lifetimeValue",
            "averageOrderValue",
            "stage",
            "segment",
            "consent");

    private RuleJson() {}

    /** The JSON key of a rule's kind: {@code and}, {@code touchpoints}, {@code hasIdentifier}, ... */
    static String key(SegmentRule rule) {
        if (rule instanceof And) {
            return "and";
        }
        if (rule instanceof Or) {
            return "or";
        }
        if (rule instanceof Not) {
            return "not";
        }
        if (rule instanceof TouchpointCount) {
            return "touchpoints";
        }
        if (rule instanceof Trait) {
            return "trait";
        }
        if (rule instanceof HasIdentifier) {
            return "hasIdentifier";
        }
        if (rule instanceof DaysSince) {
            return "daysSince";
        }
        if (rule instanceof FirstSeen) {
            return "firstSeen";
        }
        if (rule instanceof Monetary money) {
            return money.measure() == MonetaryMeasure.LIFETIME_VALUE ? "lifetimeValue" : "averageOrderValue";
        }
        if (rule instanceof Stage) {
            return "stage";
        }
        if (rule instanceof InSegment) {
            return "segment";
        }
        if (rule instanceof Consent) {
            return "consent";
        }
        throw new IllegalArgumentException("unknown rule " + rule);
    }

    // ---- writing

    static Map<String, Object> toJson(SegmentRule rule) {
        return Map.of(key(rule), body(rule));
    }

    private static Object body(SegmentRule rule) {
        if (rule instanceof And and) {
            return and.rules().stream().map(RuleJson::toJson).toList();
        }
        if (rule instanceof Or or) {
            return or.rules().stream().map(RuleJson::toJson).toList();
        }
        if (rule instanceof Not not) {
            return toJson(not.rule());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (rule instanceof TouchpointCount count) {
            putList(body, "types", count.types());
            putList(body, "channels", count.channels());
            putList(body, "campaigns", count.campaigns());
            putWindow(body, count.window());
            body.put("op", count.comparison().symbol());
            body.put("count", count.count());
            return body;
        }
        if (rule instanceof Trait trait) {
            body.put("name", trait.name());
            TraitTest test = trait.test();
            if (test instanceof TraitTest.Equals equals) {
                body.put("equals", equals.value().json());
            } else if (test instanceof TraitTest.In in) {
                body.put("in", in.values().stream().map(TraitValue::json).toList());
            } else if (test instanceof TraitTest.Range range) {
                if (range.comparison() == null) {
                    body.put("between", List.of(range.min().json(), range.max().json()));
                } else {
                    body.put("op", range.comparison().symbol());
                    body.put("value", (range.min() != null ? range.min() : range.max()).json());
                }
            } else if (test instanceof TraitTest.Exists) {
                body.put("exists", true);
            } else if (test instanceof TraitTest.TextMatch match) {
                body.put("contains", match.text());
            }
            return body;
        }
        if (rule instanceof HasIdentifier has) {
            return has.type();
        }
        if (rule instanceof DaysSince since) {
            putList(body, "types", since.types());
            putList(body, "channels", since.channels());
            body.put("op", since.comparison().symbol());
            body.put("days", since.days());
            return body;
        }
        if (rule instanceof FirstSeen first) {
            putWindow(body, first.window());
            return body;
        }
        if (rule instanceof Monetary money) {
            body.put("currency", money.currency());
            body.put("op", money.comparison().symbol());
            body.put("amount", money.amount());
            return body;
        }
        if (rule instanceof Stage stage) {
            body.put("model", stage.model());
            body.put(stage.negated() ? "notIn" : "in", stage.stages());
            return body;
        }
        if (rule instanceof InSegment in) {
            return in.segmentId();
        }
        if (rule instanceof Consent consent) {
            body.put("purpose", consent.purpose());
            if (consent.channel() != null) {
                body.put("channel", consent.channel());
            }
            return body;
        }
        throw new IllegalArgumentException("unknown rule " + rule);
    }

    private static void putWindow(Map<String, Object> body, Window window) {
        if (window instanceof RelativeWindow within) {
            body.put("within", within.toString());
        } else if (window instanceof AbsoluteRange range) {
            body.put("from", range.from().toString());
            body.put("to", range.to().toString());
        }
    }

    private static void putList(Map<String, Object> body, String key, List<String> values) {
        if (!values.isEmpty()) {
            body.put(key, values);
        }
    }

    // ---- reading

    static SegmentRule fromJson(Object json, String path) {
        if (!(json instanceof Map<?, ?> map) || map.size() != 1) {
            throw error(path, "a condition is an object with exactly one key: " + String.join(", ", KEYS));
        }
        Map.Entry<?, ?> entry = map.entrySet().iterator().next();
        String key = String.valueOf(entry.getKey());
        Object body = entry.getValue();
        String at = path + "." + key;
        return switch (key) {
            case "and" -> new And(rules(body, at, "and"));
            case "or" -> new Or(rules(body, at, "or"));
            case "not" -> new Not(fromJson(body, at));
            case "touchpoints" ->
                touchpoints(
                        object(
                                body,
                                at,
                                Set.of("types", "channels", "campaigns", "within", "from", "to", "op", "count")),
                        at);
            case "trait" ->
                trait(
                        object(
                                body,
                                at,
                                Set.of("name", "equals", "in", "op", "value", "between", "exists", "contains")),
                        at);
            case "hasIdentifier" -> new HasIdentifier(string(body, at));
            case "daysSince" -> daysSince(object(body, at, Set.of("types", "channels", "op", "days")), at);
            case "firstSeen" -> firstSeen(object(body, at, Set.of("within", "from", "to")), at);
            case "lifetimeValue" -> monetary(MonetaryMeasure.LIFETIME_VALUE, body, at);
            case "averageOrderValue" -> monetary(MonetaryMeasure.AVERAGE_ORDER_VALUE, body, at);
            case "stage" -> stage(object(body, at, Set.of("model", "in", "notIn")), at);
            case "segment" -> new InSegment(string(body, at));
            case "consent" -> consent(object(body, at, Set.of("purpose", "channel")), at);
            default -> {
                String guess = RuleLocation.closest(key, KEYS);
                throw error(
                        at,
                        "unknown condition '" + key + "'" + (guess == null ? "" : " (did you mean " + guess + "?)")
                                + "; expected one of " + String.join(", ", KEYS));
            }
        };
    }

    private static List<SegmentRule> rules(Object body, String path, String operator) {
        if (!(body instanceof List<?> list)) {
            throw error(path, "expected a list of conditions");
        }
        if (list.size() < 2) {
            throw error(
                    path, "'" + operator + "' needs at least two conditions (one condition needs no " + operator + ")");
        }
        List<SegmentRule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rules.add(fromJson(list.get(i), path + "[" + i + "]"));
        }
        return rules;
    }

    private static TouchpointCount touchpoints(Map<?, ?> body, String path) {
        Window window = window(body, path);
        return new TouchpointCount(
                optionalStrings(body.get("types"), path + ".types"),
                optionalStrings(body.get("channels"), path + ".channels"),
                optionalStrings(body.get("campaigns"), path + ".campaigns"),
                window,
                comparison(body.get("op"), path + ".op"),
                wholeNumber(body.get("count"), path + ".count"));
    }

    private static FirstSeen firstSeen(Map<?, ?> body, String path) {
        Window window = window(body, path);
        if (window == null) {
            throw error(path, "a window is required: within (e.g. \"30d\"), or from and to");
        }
        return new FirstSeen(window);
    }

    /** {@code within}, or {@code from} with {@code to}; null when the body has none of them. */
    private static Window window(Map<?, ?> body, String path) {
        if (body.containsKey("within")) {
            if (body.containsKey("from") || body.containsKey("to")) {
                throw error(path + ".within", "give either within or from and to, not both");
            }
            String text = string(body.get("within"), path + ".within");
            return RelativeWindow.parse(text)
                    .orElseThrow(() -> error(
                            path + ".within",
                            "expected a window such as 90d, 12w, 6m, 1y or 24h (h, d, w, m, y), got '" + text + "'"));
        }
        if (body.containsKey("from") || body.containsKey("to")) {
            if (!body.containsKey("from") || !body.containsKey("to")) {
                throw error(
                        path + (body.containsKey("from") ? ".to" : ".from"),
                        "a date range needs both from and to (e.g. 2026-01-01 and 2026-03-31)");
            }
            return new AbsoluteRange(date(body.get("from"), path + ".from"), date(body.get("to"), path + ".to"));
        }
        return null;
    }

    private static SegmentRule trait(Map<?, ?> body, String path) {
        String name = string(body.get("name"), path + ".name");
        List<String> tests = new ArrayList<>();
        for (String key : List.of("equals", "in", "op", "between", "exists", "contains")) {
            if (body.containsKey(key)) {
                tests.add(key);
            }
        }
        if (tests.size() != 1) {
            throw error(path, "give exactly one of equals, in, op (with value), between, exists, contains");
        }
        if (body.containsKey("value") && !tests.get(0).equals("op")) {
            throw error(path + ".value", "value goes with op");
        }
        String key = tests.get(0);
        String at = path + "." + key;
        TraitTest test =
                switch (key) {
                    case "equals" -> new TraitTest.Equals(value(body.get(key), at));
                    case "in" -> new TraitTest.In(values(body.get(key), at));
                    case "op" -> {
                        Comparison comparison = comparison(body.get(key), at);
                        if (comparison == Comparison.NOT_EQUAL) {
                            throw error(at, "write != as {\"not\": {\"trait\": {\"name\": ..., \"equals\": ...}}}");
                        }
                        TraitValue value = value(body.get("value"), path + ".value");
                        yield comparison == Comparison.EQUAL
                                ? new TraitTest.Equals(value)
                                : TraitTest.Range.of(comparison, value);
                    }
                    case "between" -> {
                        List<TraitValue> ends = values(body.get(key), at);
                        if (ends.size() != 2) {
                            throw error(at, "between takes two values, the smaller first: [20, 29]");
                        }
                        yield TraitTest.Range.between(ends.get(0), ends.get(1));
                    }
                    case "exists" -> {
                        if (!Boolean.TRUE.equals(body.get(key))) {
                            throw error(at, "exists takes true (write {\"not\": ...} for a missing trait)");
                        }
                        yield new TraitTest.Exists();
                    }
                    case "contains" -> new TraitTest.TextMatch(string(body.get(key), at));
                    default -> throw new IllegalStateException(key);
                };
        return new Trait(name, test);
    }

    private static DaysSince daysSince(Map<?, ?> body, String path) {
        long days = wholeNumber(body.get("days"), path + ".days");
        return new DaysSince(
                optionalStrings(body.get("types"), path + ".types"),
                optionalStrings(body.get("channels"), path + ".channels"),
                comparison(body.get("op"), path + ".op"),
                (int) Math.min(days, Integer.MAX_VALUE));
    }

    private static Monetary monetary(MonetaryMeasure measure, Object json, String path) {
        Map<?, ?> body = object(json, path, Set.of("currency", "op", "amount"));
        String currency = string(body.get("currency"), path + ".currency");
        Comparison comparison = comparison(body.get("op"), path + ".op");
        Object amount = body.get("amount");
        BigDecimal value;
        try {
            if (amount instanceof BigDecimal decimal) {
                value = decimal;
            } else if (amount instanceof Integer || amount instanceof Long || amount instanceof BigInteger) {
                value = new BigDecimal(amount.toString());
            } else if (amount instanceof Number number) {
                value = new BigDecimal(number.toString());
            } else if (amount instanceof String text) {
                value = new BigDecimal(text.strip());
            } else {
                throw error(path + ".amount", "expected an amount such as 10000 or \"24.50\"");
            }
        } catch (NumberFormatException e) {
            throw error(path + ".amount", "expected an amount such as 10000 or \"24.50\", got '" + amount + "'");
        }
        return new Monetary(measure, currency.toUpperCase(Locale.ROOT), comparison, value);
    }

    private static Stage stage(Map<?, ?> body, String path) {
        String model = string(body.get("model"), path + ".model");
        if (body.containsKey("in") == body.containsKey("notIn")) {
            throw error(path, "give exactly one of in, notIn (a list of stage ids)");
        }
        boolean negated = body.containsKey("notIn");
        String key = negated ? "notIn" : "in";
        return new Stage(model, strings(body.get(key), path + "." + key), negated);
    }

    private static Consent consent(Map<?, ?> body, String path) {
        String purpose = string(body.get("purpose"), path + ".purpose");
        String channel = body.get("channel") == null ? null : string(body.get("channel"), path + ".channel");
        return new Consent(purpose, channel);
    }

    // ---- values

    private static Map<?, ?> object(Object json, String path, Set<String> keys) {
        if (!(json instanceof Map<?, ?> map)) {
            throw error(
                    path,
                    "expected an object with "
                            + String.join(", ", keys.stream().sorted().toList()));
        }
        for (Object key : map.keySet()) {
            if (!keys.contains(String.valueOf(key))) {
                throw error(
                        path + "." + key,
                        "unknown key '" + key + "'; expected "
                                + String.join(", ", keys.stream().sorted().toList()));
            }
        }
        return map;
    }

    private static String string(Object json, String path) {
        if (json instanceof String text) {
            return text;
        }
        throw error(path, json == null ? "is required" : "expected a string");
    }

    private static List<String> optionalStrings(Object json, String path) {
        return json == null ? List.of() : strings(json, path);
    }

    private static List<String> strings(Object json, String path) {
        if (json instanceof String single) {
            return List.of(single);
        }
        if (!(json instanceof List<?> list)) {
            throw error(path, json == null ? "is required" : "expected a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            strings.add(string(list.get(i), path + "[" + i + "]"));
        }
        return strings;
    }

    private static LocalDate date(Object json, String path) {
        String text = string(json, path);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw error(path, "expected a date such as 2026-01-31, got '" + text + "'");
        }
    }

    private static Comparison comparison(Object json, String path) {
        String symbol = string(json, path);
        return Comparison.ofSymbol(symbol)
                .orElseThrow(() ->
                        error(path, "expected a comparison (" + Comparison.ALL_SYMBOLS + "), got '" + symbol + "'"));
    }

    private static long wholeNumber(Object json, String path) {
        if (json instanceof Integer || json instanceof Long || json instanceof Short) {
            return ((Number) json).longValue();
        }
        if (json instanceof BigInteger big) {
            return big.bitLength() < 63 ? big.longValue() : Long.MAX_VALUE;
        }
        if (json instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString());
            if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
                return decimal.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : decimal.longValue();
            }
        }
        throw error(path, json == null ? "is required" : "expected a whole number");
    }

    private static List<TraitValue> values(Object json, String path) {
        if (!(json instanceof List<?> list)) {
            throw error(path, "expected a list of values");
        }
        List<TraitValue> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            values.add(value(list.get(i), path + "[" + i + "]"));
        }
        return values;
    }

    private static TraitValue value(Object json, String path) {
        if (json instanceof String text) {
            return new TraitValue.Text(text);
        }
        if (json instanceof Boolean flag) {
            return new TraitValue.Flag(flag);
        }
        if (json instanceof Number number) {
            try {
                return new TraitValue.Numeric(new BigDecimal(number.toString()));
            } catch (NumberFormatException e) {
                throw error(path, "expected a finite number");
            }
        }
        throw error(path, json == null ? "is required" : "expected a string, a number or true / false");
    }

    private static InvalidInputException error(String path, String message) {
        return new InvalidInputException(path, message);
    }
}
