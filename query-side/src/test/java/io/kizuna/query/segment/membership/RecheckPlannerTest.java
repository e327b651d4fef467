package io.kizuna.query.segment.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.segment.rule.RelativeWindow;
import io.kizuna.api.segment.rule.SegmentRules;
import io.kizuna.query.segment.membership.RecheckPlanner.Bucket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When time alone next changes a customer's answer: windows and recency over its daily activity buckets. */
class RecheckPlannerTest {

    /** Today is 2026-03-01 (UTC). */
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static Bucket bucket(String day, String type, long count) {
        return new Bucket(LocalDate.parse(day), type, "web", null, count);
    }

    private static Optional<Instant> next(List<Bucket> activity, String... rules) {
        Instant firstSeen = activity.stream()
                .map(b -> b.day().atStartOfDay(ZoneOffset.UTC).toInstant())
                .min(Instant::compareTo)
                .orElse(null);
        return RecheckPlanner.next(
                Arrays.stream(rules).map(SegmentRules::parse).toList(),
                new RecheckPlanner.Activity(activity, firstSeen),
                NOW);
    }

    private static Instant midnight(String day) {
        return LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Test
    void aTouchpointOfTodayLeavesAOneDayWindowAtTheMidnightAfterTomorrow() {
        // within: 1d counts "yesterday and today": today's visit still counts tomorrow
        assertThat(next(List.of(bucket("2026-03-01", "web_visit", 1)), "touchpoints(type: web_visit, within: 1d) >= 1"))
                .contains(midnight("2026-03-03"));
    }

    @Test
    void theAnswerChangesWhenEnoughBucketsHaveLeftTheWindowNotAtTheFirstThatLeaves() {
        List<Bucket> activity = List.of(
                bucket("2026-02-01", "purchase", 2),
                bucket("2026-02-20", "purchase", 1),
                bucket("2026-02-28", "purchase", 2),
                bucket("2026-02-10", "web_visit", 9));
        // 5 purchases in the window (from 2026-01-30); 3 left when Feb 1 leaves it (Mar 4), 2 when Feb 20 does
        // (Mar 23: 30 days after the end of Feb 20)
        assertThat(next(activity, "touchpoints(type: purchase, within: 30d) >= 3"))
                .contains(midnight("2026-03-23"));
    }

    @Test
    void aCountOfZeroStartsToHoldWhenTheLastMatchingBucketLeaves() {
        List<Bucket> activity = List.of(bucket("2026-02-10", "purchase", 1), bucket("2026-02-25", "purchase", 3));
        assertThat(next(activity, "touchpoints(type: purchase, within: 2w) = 0"))
                .contains(midnight("2026-03-12"));
    }

    @Test
    void bucketsOutsideTheWindowOrOfOtherKindsDoNotCount() {
        List<Bucket> activity = List.of(
                bucket("2025-12-01", "purchase", 4), // long gone from a 7-day window
                new Bucket(LocalDate.parse("2026-02-28"), "purchase", "store", null, 1));
        assertThat(next(activity, "touchpoints(type: purchase, channel: web, within: 7d) >= 1"))
                .isEmpty();
    }

    @Test
    void aWindowOfHoursMovesOnAtTheHourItEnds() {
        assertThat(next(List.of(bucket("2026-03-01", "web_visit", 1)), "touchpoints(within: 36h) > 0"))
                .contains(Instant.parse("2026-03-03T12:00:00Z"));
    }

    @Test
    void recencyStartsToMatchWhenTheDaysReachTheNumber() {
        List<Bucket> activity = List.of(bucket("2026-01-10", "purchase", 1), bucket("2026-01-15", "purchase", 1));
        // 45 days since the last purchase today; 60 on 2026-03-16
        assertThat(next(activity, "days_since(type: purchase) >= 60")).contains(midnight("2026-03-16"));
    }

    @Test
    void recencyStopsMatchingTheDayAfterTheNumberIsPassed() {
        assertThat(next(List.of(bucket("2026-02-27", "web_visit", 1)), "days_since() <= 7"))
                .contains(midnight("2026-03-07"));
    }

    @Test
    void anExactRecencyHoldsForOneDay() {
        List<Bucket> activity = List.of(bucket("2026-02-27", "purchase", 1));
        assertThat(next(activity, "days_since(type: purchase) = 2")).contains(midnight("2026-03-02"));
        assertThat(next(activity, "days_since(type: purchase) = 5")).contains(midnight("2026-03-04"));
    }

    @Test
    void recencyThatAlreadyHoldsForGoodOrNeverCanHoldNeedsNoRecheck() {
        List<Bucket> activity = List.of(bucket("2025-06-01", "purchase", 1));
        assertThat(next(activity, "days_since(type: purchase) >= 60")).isEmpty();
        assertThat(next(activity, "days_since(type: store_visit) >= 60")).isEmpty(); // never visited: never matches
    }

    @Test
    void theEarliestChangeOfAllConditionsOfAllRulesCounts() {
        List<Bucket> activity = List.of(bucket("2026-02-27", "purchase", 1), bucket("2026-02-28", "web_visit", 1));
        assertThat(next(
                        activity,
                        "days_since(type: purchase) >= 60 and trait(plan) = \"gold\"",
                        "not (touchpoints(type: web_visit, within: 3d) >= 1 or segment(vip))"))
                // the purchase reaches 60 days on 2026-04-28; the visit leaves the 3-day window on 2026-03-04
                .contains(midnight("2026-03-04"));
    }

    @Test
    void aNewCustomerStopsBeingNewWhenTheDayItWasFirstSeenLeavesTheWindow() {
        List<Bucket> activity = List.of(bucket("2026-02-20", "web_visit", 1), bucket("2026-02-27", "purchase", 1));
        assertThat(next(activity, "first_seen(within: 30d)")).contains(midnight("2026-03-23"));
        assertThat(next(activity, "not first_seen(within: 7d)")).isEmpty(); // first seen before the window: for good
        assertThat(next(List.of(), "first_seen(within: 30d)")).isEmpty(); // never seen: never new
    }

    @Test
    void rulesThatTimeCannotChangeNeedNoRecheck() {
        List<Bucket> activity = List.of(bucket("2026-02-27", "purchase", 1));
        assertThat(next(
                        activity,
                        "touchpoints(type: purchase) >= 1",
                        "touchpoints(type: purchase, from: 2026-02-01, to: 2026-02-28) >= 1",
                        "first_seen(from: 2026-02-01, to: 2026-02-28)",
                        "trait(plan) = \"gold\" and segment(vip) and lifetime_value(JPY) > 100"))
                .isEmpty();
        assertThat(next(List.of(), "touchpoints(type: purchase, within: 30d) >= 1"))
                .isEmpty();
    }

    /**
     * For every day of a year and every kind of window, the instant computed is the first at which the window no
     * longer holds the day: it does not at that instant, and still did a second before (the window's first day moves
     * on at whole hours only). Calendar months make this worth checking: Jan 31 plus a month is Feb 28.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1d", "90d", "2w", "24h", "36h", "1m", "6m", "1y"})
    void aBucketLeavesTheWindowAtTheFirstInstantItIsNoLongerInIt(String written) {
        RelativeWindow window = RelativeWindow.parse(written).orElseThrow();
        for (LocalDate day = LocalDate.parse("2027-12-01");
                day.isBefore(LocalDate.parse("2029-03-15"));
                day = day.plusDays(1)) {
            Instant leaves = RecheckPlanner.leavesWindow(window, day);
            assertThat(window.firstDay(leaves)).as("%s, %s", written, day).isAfter(day);
            assertThat(window.firstDay(leaves.minusSeconds(1)))
                    .as("%s, %s", written, day)
                    .isBeforeOrEqualTo(day);
        }
    }
}
