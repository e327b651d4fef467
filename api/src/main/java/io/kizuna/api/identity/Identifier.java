package io.kizuna.api.identity;

import io.kizuna.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an outside system names a customer: a type ({@code crm}, {@code email}, {@code anonymousId}, ...) and a
 * value. Values are normalised per type ({@link #of}) so that the same person written two ways is one identifier.
 * An identifier belongs to at most one customer; its value is personal data and therefore never becomes an
 * aggregate id (claims are keyed by a keyed hash of it).
 */
public record Identifier(String type, String value) {

    public static final int MAX_VALUE_LENGTH = 512;
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    /** The normalised identifier; call {@link #validate} first for input from outside. */
    public static Identifier of(String type, String value) {
        List<Violation> violations = validate(type, value);
        if (!violations.isEmpty()) {
            throw new io.kizuna.api.validation.InvalidInputException(violations);
        }
        return new Identifier(type, normalise(type, value));
    }

    public static List<Violation> validate(String type, String value) {
        List<Violation> violations = new ArrayList<>();
        if (type == null || !TYPE.matcher(type).matches()) {
            violations.add(new Violation(
                    "type",
                    "identifier type must start with a letter and use letters, digits, '_', '.', '-' (max 64)"));
        }
        if (value == null || value.isBlank()) {
            violations.add(new Violation("value", "identifier value must not be blank"));
        } else if (value.length() > MAX_VALUE_LENGTH) {
            violations.add(
                    new Violation("value", "identifier value is longer than " + MAX_VALUE_LENGTH + " characters"));
        }
        return violations;
    }

    static String normalise(String type, String value) {
        String trimmed = value.strip();
        if (type.equalsIgnoreCase("email")) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        return trimmed;
    }

    /** A single string for exact look-ups in views: type and value joined by a separator no type contains. */
    public String key() {
        return type + ':' + value;
    }
}
