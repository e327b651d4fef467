package io.kizuna.api.validation;

/**
 * One thing wrong with an input: the field at fault (a path such as {@code input[3].value.currency}) and a
 * message a person can act on.
 */
public record Violation(String field, String message) {

    public Violation prefixed(String prefix) {
        if (field == null || field.isEmpty()) {
            return new Violation(prefix, message);
        }
        return new Violation(field.startsWith("[") ? prefix + field : prefix + "." + field, message);
    }
}
