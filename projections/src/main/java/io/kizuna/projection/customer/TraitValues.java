package io.kizuna.projection.customer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Flattens a customer's traits into the values segment rules test ({@code trait(plan) = "gold"}), one entry per value:
 *
 * <ul>
 *   <li>a list gives one entry per element, each under the trait's name ({@code tags: ["a", "b"]} is two values of
 *       {@code tags}); {@code null} elements and empty lists give none;
 *   <li>a nested object gives its values under dotted names ({@code address: {city: "Tokyo"}} is {@code address.city});
 *   <li>a flag's text is {@code true} / {@code false} (no number);
 *   <li>a number's text is its plain decimal form without trailing zeros ({@code 30.0} and {@code 30} are both
 *       {@code 30}): the same whether the value came from an event or back from a stored profile, so an incremental
 *       fold and a rebuild write the same entries;
 *   <li>a text that reads as a number in the rule language ({@code -?[0-9]+(.[0-9]+)?}) also gets the number, so
 *       {@code trait(age) >= 30} finds an age sent as {@code "35"}.
 * </ul>
 *
 * At most {@value #MAX_VALUES} values are kept per customer (in trait order): a profile is one Elasticsearch document
 * with a bounded number of nested entries, and traits are not meant to hold data sets.
 */
final class TraitValues {

    static final int MAX_VALUES = 1_000;

    private static final Pattern NUMERIC = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private TraitValues() {}

    static List<ProfileDocument.TraitValue> of(Map<String, Object> traits) {
        List<ProfileDocument.TraitValue> values = new ArrayList<>();
        traits.forEach((name, value) -> add(name, value, values));
        return values;
    }

    private static void add(String name, Object value, List<ProfileDocument.TraitValue> into) {
        if (value == null || into.size() >= MAX_VALUES) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> add(name + "." + key, nested, into));
        } else if (value instanceof Collection<?> list) {
            list.forEach(element -> add(name, element, into));
        } else if (value instanceof Boolean flag) {
            String text = flag.toString();
            into.add(new ProfileDocument.TraitValue(name, text, null, text));
        } else if (value instanceof Number number) {
            BigDecimal exact = decimal(number);
            if (exact == null) {
                return; // NaN or infinite: JSON cannot carry them, and no rule could test them
            }
            String text = exact.stripTrailingZeros().toPlainString();
            into.add(new ProfileDocument.TraitValue(name, text, exact.doubleValue(), text));
        } else {
            String text = value.toString();
            Double number = NUMERIC.matcher(text).matches() ? Double.valueOf(new BigDecimal(text).doubleValue()) : null;
            into.add(new ProfileDocument.TraitValue(name, text, number, text));
        }
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(number.toString()) : null;
        }
        return BigDecimal.valueOf(number.longValue());
    }
}
