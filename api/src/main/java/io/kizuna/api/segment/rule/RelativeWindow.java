package io.kizuna.api.segment.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The last {@code amount} {@code unit}s before now, e.g. {@code 90d}. Kept as written (not as a duration) so that a
 * rule reads back the way its author wrote it; months and years are calendar months and years in UTC.
 *
 * <p>Day granularity: the window starts at the beginning of the UTC day that contains {@code now - amount unit}, and
 * has no end (a touchpoint dated slightly in the future, as integrators' clocks drift, is inside it).
 */
public record RelativeWindow(int amount, Unit unit) implements Window {

    /** The units of the text form: {@code h}, {@code d}, {@code w}, {@code m} (months), {@code y}. */
    public enum Unit {
        HOURS("h", ChronoUnit.HOURS, 87_600),
        DAYS("d", ChronoUnit.DAYS, 3_650),
        WEEKS("w", ChronoUnit.WEEKS, 521),
        MONTHS("m", ChronoUnit.MONTHS, 120),
        YEARS("y", ChronoUnit.YEARS, 10);

        private final String suffix;
        private final ChronoUnit chronoUnit;
        private final int max;

        Unit(String suffix, ChronoUnit chronoUnit, int max) {
            this.suffix = suffix;
            this.chronoUnit = chronoUnit;
            this.max = max;
        }

        public String suffix() {
            return suffix;
        }

        /** The largest amount of this unit a window may have: about {@link RuleLimits#MAX_WINDOW_YEARS} years. */
        public int max() {
            return max;
        }

        public static Optional<Unit> ofSuffix(String suffix) {
            String lower = suffix.toLowerCase(Locale.ROOT);
            for (Unit unit : values()) {
                if (unit.suffix.equals(lower)) {
                    return Optional.of(unit);
                }
            }
            return Optional.empty();
        }
    }

    public RelativeWindow {
        Objects.requireNonNull(unit, "unit");
    }

    /** Reads {@code 90d}, {@code 12w}, {@code 6m}, {@code 1y}, {@code 24h}; empty if {@code text} is not one. */
    public static Optional<RelativeWindow> parse(String text) {
        if (text == null || !text.matches("[0-9]{1,9}[A-Za-z]")) {
            return Optional.empty();
        }
        int amount = Integer.parseInt(text.substring(0, text.length() - 1));
        return Unit.ofSuffix(text.substring(text.length() - 1)).map(unit -> new RelativeWindow(amount, unit));
    }

    /** The instant {@code amount unit}s before {@code now}, in UTC calendar arithmetic. */
    public Instant start(Instant now) {
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        return utc.minus(amount, unit.chronoUnit).toInstant();
    }

    @Override
    public LocalDate firstDay(Instant now) {
        return LocalDate.ofInstant(start(now), ZoneOffset.UTC);
    }

    @Override
    public LocalDate lastDay(Instant now) {
        return null;
    }

    /** As written in rules: {@code 90d}. */
    @Override
    public String toString() {
        return amount + unit.suffix;
    }
}
