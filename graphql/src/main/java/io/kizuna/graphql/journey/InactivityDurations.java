package io.kizuna.graphql.journey;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the {@code inactiveFor} of inactivity rules: ISO-8601 durations ({@code P60D}, {@code PT30S}) or
 * the shorthands people type ({@code 60d}, {@code 12h}, {@code 30m}, {@code 45s}); written back whole days as
 * {@code P60D}, anything else as {@link Duration#toString()}.
 */
final class InactivityDurations {

    private static final Pattern SHORTHAND = Pattern.compile("(\\d{1,9})\\s*([dhms])");
    private static final String EXPECTED =
            "give an ISO-8601 duration such as P60D or PT30S, or a number with d, h, m or s such as 60d";

    private InactivityDurations() {}

    /** The duration, or an {@link IllegalArgumentException} whose message says what to give instead. */
    static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher shorthand = SHORTHAND.matcher(value);
        if (shorthand.matches()) {
            long amount = Long.parseLong(shorthand.group(1));
            duration = switch (shorthand.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            if (value.matches("p(\\d+y)?(\\d+m)?(\\d+w)?(\\d+d)?") && !value.matches("p(\\d+d)?")) {
                throw new IllegalArgumentException("years, months and weeks vary in length: give days, e.g. P30D");
            }
            try {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration: " + EXPECTED);
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("must be longer than zero, e.g. P60D");
        }
        return duration;
    }

    static String format(Duration duration) {
        if (duration == null) {
            return null;
        }
        long seconds = duration.getSeconds();
        if (duration.getNano() == 0 && seconds > 0 && seconds % 86_400 == 0) {
            return "P" + seconds / 86_400 + "D";
        }
        return duration.toString();
    }
}
