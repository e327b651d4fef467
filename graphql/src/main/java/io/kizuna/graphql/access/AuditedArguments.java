package io.kizuna.graphql.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The arguments of a history read that the access log may keep: customer ids, times, event types, page size and
 * cursor; nothing else (no free text, no actor names). A value that does not look like what its argument should hold
 * (say an email given as a customer id) is left out rather than stored. Kept values are strings or lists of strings.
 */
final class AuditedArguments {

    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=-]{1,512}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,99}");
    private static final int MAX_TYPES = 50;

    private AuditedArguments() {}

    /** The customer a read is about: its {@code id} argument, else its {@code customerId} argument, if a UUID. */
    static String customerId(Map<String, Object> arguments) {
        String id = uuid(arguments.get("id"));
        return id != null ? id : uuid(arguments.get("customerId"));
    }

    static Map<String, Object> keep(Map<String, Object> arguments) {
        Map<String, Object> kept = new LinkedHashMap<>();
        arguments.forEach((name, value) -> {
            Object safe =
                    switch (name) {
                        case "id", "customerId" -> uuid(value);
                        case "from", "to", "knownAt", "occurredBy" -> value instanceof Instant t ? t.toString() : null;
                        case "first" -> value instanceof Integer n ? n.toString() : null;
                        case "after" ->
                            value instanceof String s && CURSOR.matcher(s).matches() ? s : null;
                        case "types" -> types(value);
                        default -> null;
                    };
            if (safe != null) {
                kept.put(name, safe);
            }
        });
        return kept;
    }

    private static String uuid(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            return UUID.fromString(s).toString().equals(s.toLowerCase()) ? s : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> types(Object value) {
        if (!(value instanceof Collection<?> values) || values.size() > MAX_TYPES) {
            return null;
        }
        List<String> types = new ArrayList<>();
        for (Object type : values) {
            if (!(type instanceof String s) || !TYPE.matcher(s).matches()) {
                return null;
            }
            types.add(s);
        }
        return List.copyOf(types);
    }
}
