package io.kizuna.graphql.consistency;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the field at fault for graphql-java's variable coercion errors, whose messages name the variable and quote
 * the bad value but not where it sits ("Variable 'input' has an invalid value: Invalid RFC3339 value :
 * 'yesterday'"): the first value inside that variable equal to a quoted text, as a path like
 * {@code input[0].occurredAt}.
 */
final class BadVariableValue {

    private static final Pattern VARIABLE = Pattern.compile("^Variable '([^']+)'");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private BadVariableValue() {}

    static Optional<String> locate(String message, Map<String, Object> variables) {
        if (message == null || variables == null) {
            return Optional.empty();
        }
        Matcher variable = VARIABLE.matcher(message);
        if (!variable.find() || !variables.containsKey(variable.group(1))) {
            return Optional.empty();
        }
        Set<String> quoted = new HashSet<>();
        Matcher q = QUOTED.matcher(message.substring(variable.end()));
        while (q.find()) {
            quoted.add(q.group(1));
        }
        return find(variables.get(variable.group(1)), variable.group(1), quoted);
    }

    private static Optional<String> find(Object value, String path, Set<String> quoted) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Optional<String> found = find(e.getValue(), path + "." + e.getKey(), quoted);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<String> found = find(list.get(i), path + "[" + i + "]", quoted);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return value != null && quoted.contains(String.valueOf(value)) ? Optional.of(path) : Optional.empty();
    }
}
