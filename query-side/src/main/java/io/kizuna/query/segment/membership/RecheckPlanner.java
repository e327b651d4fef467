package io.kizuna.query.segment.membership;

import io.kizuna.api.segment.rule.Comparison;
import io.kizuna.api.segment.rule.RelativeWindow;
import io.kizuna.api.segment.rule.SegmentRule;
import io.kizuna.api.segment.rule.SegmentRule.And;
import io.kizuna.api.segment.rule.SegmentRule.DaysSince;
import io.kizuna.api.segment.rule.SegmentRule.FirstSeen;
import io.kizuna.api.segment.rule.SegmentRule.Not;
import io.kizuna.api.segment.rule.SegmentRule.Or;
import io.kizuna.api.segment.rule.SegmentRule.TouchpointCount;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The next instant at which time alone can change a customer's answer to time-relative rules, from the customer's
 * daily activity buckets (the profile's {@code activity}), as {@link io.kizuna.query.segment.rule.SegmentRuleTranslator}
 * asks them. Only time-relative conditions are looked at; the earliest of their next changes is when the customer's
 * segments are evaluated again. Nothing changes a rule's answer without an event otherwise.
 *
 * <ul>
 *   <li>{@code touchpoints(..., within: W) CMP n}: a matching bucket of day {@code d} is counted while
 *       {@code d >= day(now - W)}; it drops out at the first instant {@code t} with {@code day(t - W) > d} (a UTC
 *       midnight for windows of days, weeks, months and years; for hours, {@code d + 1} plus the hours). Without new
 *       touchpoints the count only falls, bucket by bucket: the answer changes at the first drop after which the
 *       comparison gives another answer (none when no drop changes it).
 *   <li>{@code first_seen(within: W)}: holds while the day of the customer's first touchpoint is in the window, so it
 *       stops holding when that day leaves it, as a bucket would.
 *   <li>{@code days_since(...) CMP n}: with {@code L} the day of the last matching bucket, the number is
 *       {@code day(now) - L}, one more at every UTC midnight; a comparison with {@code n} can only change its answer
 *       when it reaches {@code n} or {@code n + 1}. A customer without a matching bucket never matches, whatever the
 *       time.
 * </ul>
 *
 * <p>Absolute ranges ({@code from:}/{@code to:}) and all-time counts never change without an event.
 */
public final class RecheckPlanner {

    /** One daily activity bucket of the profile view: touchpoints of a type, channel and campaign on a UTC day. */
    public record Bucket(LocalDate day, String type, String channel, String campaign, long count) {}

    private RecheckPlanner() {}

    /** What the planner reads of a customer: its daily activity buckets and when it was first seen (null: never). */
    public record Activity(List<Bucket> buckets, Instant firstSeenAt) {

        public Activity {
            buckets = List.copyOf(buckets);
        }
    }

    /** The earliest instant after {@code now} at which time alone can change the answer to any of {@code rules}. */
    public static Optional<Instant> next(Collection<SegmentRule> rules, Activity activity, Instant now) {
        return Optional.ofNullable(earliest(rules, activity, now));
    }

    private static Instant earliest(Collection<SegmentRule> rules, Activity activity, Instant now) {
        Instant earliest = null;
        for (SegmentRule rule : rules) {
            Instant next = next(rule, activity, now);
            if (next != null && (earliest == null || next.isBefore(earliest))) {
                earliest = next;
            }
        }
        return earliest;
    }

    /** The earliest change of any condition in the rule: the rule's answer cannot change before it. */
    private static Instant next(SegmentRule rule, Activity activity, Instant now) {
        if (rule instanceof And and) {
            return earliest(and.rules(), activity, now);
        }
        if (rule instanceof Or or) {
            return earliest(or.rules(), activity, now);
        }
        if (rule instanceof Not not) {
            return next(not.rule(), activity, now);
        }
        if (rule instanceof TouchpointCount count && count.window() instanceof RelativeWindow window) {
            return countChange(count, window, activity.buckets(), now);
        }
        if (rule instanceof DaysSince since) {
            return recencyChange(since, activity.buckets(), now);
        }
        if (rule instanceof FirstSeen first
                && first.window() instanceof RelativeWindow window
                && activity.firstSeenAt() != null) {
            LocalDate day = LocalDate.ofInstant(activity.firstSeenAt(), ZoneOffset.UTC);
            // first seen before the window: it never comes back into it
            return day.isBefore(window.firstDay(now)) ? null : leavesWindow(window, day);
        }
        return null;
    }

    private static Instant countChange(
            TouchpointCount count, RelativeWindow window, List<Bucket> activity, Instant now) {
        LocalDate first = window.firstDay(now);
        long inWindow = 0;
        // touchpoints leaving the window, by the instant they leave it
        TreeMap<Instant, Long> leaving = new TreeMap<>();
        for (Bucket bucket : activity) {
            if (!bucket.day().isBefore(first)
                    && matches(count.types(), bucket.type())
                    && matches(count.channels(), bucket.channel())
                    && matches(count.campaigns(), bucket.campaign())) {
                inWindow += bucket.count();
                leaving.merge(leavesWindow(window, bucket.day()), bucket.count(), Long::sum);
            }
        }
        boolean answer = holds(count.comparison(), inWindow, count.count());
        for (var drop : leaving.entrySet()) {
            inWindow -= drop.getValue();
            if (holds(count.comparison(), inWindow, count.count()) != answer) {
                return drop.getKey();
            }
        }
        return null;
    }

    private static Instant recencyChange(DaysSince since, List<Bucket> activity, Instant now) {
        LocalDate last = null;
        for (Bucket bucket : activity) {
            if (matches(since.types(), bucket.type())
                    && matches(since.channels(), bucket.channel())
                    && (last == null || bucket.day().isAfter(last))) {
                last = bucket.day();
            }
        }
        if (last == null) {
            return null; // no recency: never matches, whatever the time
        }
        long days = ChronoUnit.DAYS.between(last, LocalDate.ofInstant(now, ZoneOffset.UTC));
        boolean answer = holds(since.comparison(), days, since.days());
        for (long reached : new long[] {since.days(), since.days() + 1L}) {
            if (reached > days && holds(since.comparison(), reached, since.days()) != answer) {
                return last.plusDays(reached).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
        return null;
    }

    /**
     * The first instant at which a bucket of {@code day} is no longer inside {@code window}: the first {@code t} with
     * {@code window.firstDay(t) > day}.
     */
    static Instant leavesWindow(RelativeWindow window, LocalDate day) {
        ZonedDateTime nextDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC);
        ZonedDateTime t = nextDay.plus(window.amount(), unit(window));
        if (window.unit() == RelativeWindow.Unit.MONTHS || window.unit() == RelativeWindow.Unit.YEARS) {
            // calendar months are not invertible (Jan 31 + 1 month is Feb 28): the first day of the window moves on
            // at UTC midnights only, so settle on the first midnight at which the day has left it
            while (!window.firstDay(t.toInstant()).isAfter(day)) {
                t = t.plusDays(1);
            }
            while (window.firstDay(t.minusDays(1).toInstant()).isAfter(day)) {
                t = t.minusDays(1);
            }
        }
        return t.toInstant();
    }

    private static ChronoUnit unit(RelativeWindow window) {
        return switch (window.unit()) {
            case HOURS -> ChronoUnit.HOURS;
            case DAYS -> ChronoUnit.DAYS;
            case WEEKS -> ChronoUnit.WEEKS;
            case MONTHS -> ChronoUnit.MONTHS;
            case YEARS -> ChronoUnit.YEARS;
        };
    }

    private static boolean matches(List<String> wanted, String value) {
        return wanted.isEmpty() || (value != null && wanted.contains(value));
    }

    private static boolean holds(Comparison comparison, long measured, long given) {
        return comparison.test(Long.compare(measured, given));
    }
}
