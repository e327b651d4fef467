package io.kizuna.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.touchpoint.Money;
import io.kizuna.projection.customer.ProfileDocument;
import io.kizuna.projection.customer.ProfileFold;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Time travel on both axes over a history with late arrivals. Recorded times: R1 (registration and a purchase that
 * happened on day 10), R2 (a store visit that happened on day 5: late), R3 (a trait change; a purchase of day 12).
 * The survivor {@code S} absorbs {@code X} (registered at R1, a visit of day 8) at R3.
 */
class AsOfTest {

    private static final Instant DAY0 = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant R1 = Instant.parse("2026-05-01T00:00:00Z");
    private static final Instant R2 = R1.plus(Duration.ofHours(1));
    private static final Instant R3 = R1.plus(Duration.ofHours(2));

    private static Instant day(int n) {
        return DAY0.plus(Duration.ofDays(n));
    }

    private static StoredEvent event(String customerId, long sequence, Object payload, Instant recordedAt) {
        return new StoredEvent(customerId, sequence, -1, null, payload, null, recordedAt, Map.of(), false);
    }

    private static TouchpointRecorded touchpoint(String customerId, String type, Instant occurredAt, String jpy) {
        return new TouchpointRecorded(
                customerId,
                customerId + "-" + occurredAt,
                type,
                "store",
                occurredAt,
                R1,
                null,
                jpy == null ? null : new Money(new BigDecimal(jpy), "JPY"),
                Map.of(),
                null);
    }

    private static List<StoredEvent> streamOf(String customerId) {
        List<StoredEvent> events = new ArrayList<>();
        if (customerId.equals("C")) {
            events.add(event("C", 0, new CustomerRegistered("C", new Identifier("crm", "C-1"), R1), R1));
            events.add(event("C", 1, touchpoint("C", "purchase", day(10), "100"), R1));
            events.add(event("C", 2, touchpoint("C", "store_visit", day(5), null), R2));
            events.add(event("C", 3, new TraitsChanged("C", Map.of("plan", "gold"), List.of(), R3, "m-t"), R3));
            events.add(event("C", 4, touchpoint("C", "purchase", day(12), "30"), R3));
        } else if (customerId.equals("S")) {
            events.add(event("S", 0, new CustomerRegistered("S", new Identifier("crm", "S-1"), R1), R1));
            events.add(event("S", 1, touchpoint("S", "purchase", day(10), "100"), R1));
            events.add(event(
                    "S",
                    2,
                    new CustomerAbsorbed(
                            "S", "X", List.of(), Set.of(), Set.of(), MergeCause.user("api", "same person"), R3),
                    R3));
        } else if (customerId.equals("X")) {
            events.add(event("X", 0, new CustomerRegistered("X", new Identifier("anonymousId", "a-1"), R1), R1));
            events.add(event("X", 1, touchpoint("X", "web_visit", day(8), "5"), R1));
            events.add(event(
                    "X",
                    2,
                    new CustomerMergedInto("X", "S", List.of(), MergeCause.user("api", "same person"), R3),
                    R3));
        }
        return events;
    }

    private static ProfileDocument asOf(String customerId, Instant knownAt, Instant occurredBy) {
        return new AsOf(knownAt, occurredBy).fold(customerId, AsOfTest::streamOf, R3);
    }

    private static String value(ProfileDocument profile) {
        return profile.lifetimeValue.isEmpty()
                ? "0"
                : profile.lifetimeValue.get(0).amount();
    }

    @Test
    void knownAtSeesOnlyWhatWasRecordedByThen() {
        ProfileDocument atR1 = asOf("C", R1, null);
        ProfileDocument atR2 = asOf("C", R2, null);

        assertThat(atR1.touchpointCount).isEqualTo(1);
        assertThat(value(atR1)).isEqualTo("100");
        assertThat(atR1.firstSeenAt).isEqualTo(day(10));
        assertThat(atR2.touchpointCount).isEqualTo(2);
        assertThat(atR2.firstSeenAt).isEqualTo(day(5)); // the late visit moved first-seen back once it was known
        assertThat(atR2.traits).isEmpty();
        assertThat(atR2.identifiers).hasSize(1);
    }

    @Test
    void occurredBySeesWhatHadHappenedByThenAsKnownNow() {
        ProfileDocument byDay11 = asOf("C", null, day(11));

        // the day-5 visit (recorded late) and the day-10 purchase; registration and traits happen when recorded
        assertThat(byDay11.touchpointCount).isEqualTo(2);
        assertThat(byDay11.countsByType).containsEntry("store_visit", 1L).containsEntry("purchase", 1L);
        assertThat(value(byDay11)).isEqualTo("100");
        assertThat(byDay11.identifiers).isEmpty();
        assertThat(byDay11.traits).isEmpty();
    }

    @Test
    void bothAxesTogetherTakeOnlyEventsPassingBoth() {
        ProfileDocument knownAtR1ByDay11 = asOf("C", R1, day(11));
        ProfileDocument knownAtR2ByDay6 = asOf("C", R2, day(6));

        assertThat(knownAtR1ByDay11.touchpointCount).isEqualTo(1);
        assertThat(knownAtR1ByDay11.countsByType).containsOnlyKeys("purchase");
        assertThat(knownAtR2ByDay6.touchpointCount).isEqualTo(1);
        assertThat(knownAtR2ByDay6.countsByType).containsOnlyKeys("store_visit");
    }

    @Test
    void aCustomerNotYetRecordedOrWithNothingHappenedYetIsAbsent() {
        assertThat(asOf("C", R1.minusMillis(1), null)).isNull();
        assertThat(asOf("C", null, day(4))).isNull();
        assertThat(asOf("C", R1, day(6))).isNull(); // the day-5 visit was not known at R1
    }

    @Test
    void aSurvivorIncludesAnAbsorbedCustomerOnlyOnceTheMergeAndItsEventsPass() {
        ProfileDocument beforeMerge = asOf("S", R2, null);
        ProfileDocument afterMerge = asOf("S", R3, null);
        ProfileDocument mergedButByDay9 = asOf("S", R3, day(9));

        assertThat(beforeMerge.touchpointCount).isEqualTo(1);
        assertThat(beforeMerge.mergedFrom).isEmpty();
        assertThat(afterMerge.touchpointCount).isEqualTo(2);
        assertThat(value(afterMerge)).isEqualTo("105");
        assertThat(afterMerge.mergedFrom).containsExactly("X");
        assertThat(mergedButByDay9).isNull(); // its own purchase was day 10 and the merge was recorded at R3
        assertThat(asOf("S", R3, day(10)).touchpointCount).isEqualTo(1); // the merge (R3) had not happened by day 10
    }

    @Test
    void withoutLimitsItIsTheLiveFold() {
        for (String customerId : List.of("C", "S", "X")) {
            ProfileDocument live = new ProfileDocument(customerId);
            for (StoredEvent e : streamOf(customerId)) {
                ProfileFold.apply(live, e.payload(), e.sequence(), R3, id -> streamOf(id).stream()
                        .map(s -> new ProfileFold.History.Entry(s.payload(), s.sequence()))
                        .toList());
            }

            ProfileDocument rebuilt = asOf(customerId, null, null);

            assertThat(rebuilt.toProfile()).isEqualTo(live.toProfile());
        }
    }
}
