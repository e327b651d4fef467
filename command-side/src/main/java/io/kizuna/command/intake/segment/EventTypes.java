package io.kizuna.command.intake.segment;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a Segment track event name into a touchpoint type: by the configured table, else the name in lower snake
 * case ("Order Completed" becomes {@code order_completed}). A name with no Latin letters or digits at all (say
 * "購入完了") becomes {@code custom_event} unless the table names it; the original name is kept with the touchpoint.
 */
public final class EventTypes {

    public static final String FALLBACK = "custom_event";
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Map<String, String> exact;
    private final Map<String, String> bySnakeCase = new HashMap<>();

    public EventTypes(Map<String, String> table) {
        this.exact = Map.copyOf(table);
        table.forEach((name, type) -> {
            if (type == null || !TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("kizuna.intake.segment.event-types." + name
                        + " must be a lower snake case touchpoint type (a-z, 0-9, _), got '" + type + "'");
            }
            String key = snakeCase(name);
            if (key != null) {
                bySnakeCase.put(key, type);
            }
        });
    }

    public String typeOf(String eventName) {
        String configured = exact.get(eventName);
        if (configured != null) {
            return configured;
        }
        String snake = snakeCase(eventName);
        if (snake == null) {
            return FALLBACK;
        }
        return bySnakeCase.getOrDefault(snake, snake);
    }

    /**
     * Lower snake case of a name: Latin letters and digits kept (lower-cased), every run of anything else becomes one
     * {@code _}, a lower-to-upper case step starts a new word ("orderCompleted"); at most 64 characters, starting
     * with a letter ({@code event_} is put before a leading digit). {@code null} when nothing usable is left.
     */
    public static String snakeCase(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        boolean separate = false;
        char previous = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean latin = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!latin) {
                separate = true;
                previous = 0;
                continue;
            }
            boolean upper = c >= 'A' && c <= 'Z';
            if (upper && ((previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9'))) {
                separate = true;
            }
            if (separate && !out.isEmpty()) {
                out.append('_');
            }
            separate = false;
            out.append(Character.toLowerCase(c));
            previous = c;
        }
        if (out.isEmpty()) {
            return null;
        }
        String snake = out.toString();
        if (Character.isDigit(snake.charAt(0))) {
            snake = "event_" + snake;
        }
        if (snake.length() > 64) {
            snake = snake.substring(0, 64);
        }
        while (snake.endsWith("_")) {
            snake = snake.substring(0, snake.length() - 1);
        }
        return snake.toLowerCase(Locale.ROOT);
    }
}
