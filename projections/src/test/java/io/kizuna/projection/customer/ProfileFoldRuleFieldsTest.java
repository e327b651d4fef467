package io.kizuna.projection.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.consent.Consent;
import io.kizuna.api.consent.ConsentGiven;
import io.kizuna.api.consent.ConsentWithdrawn;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.segment.CustomerEnteredSegment;
import io.kizuna.api.segment.CustomerLeftSegment;
import io.kizuna.api.segment.SegmentMembership;
import io.kizuna.api.touchpoint.Money;
import io.kizuna.projection.customer.ProfileDocument.ActivityBucket;
import io.kizuna.projection.customer.ProfileDocument.Amount;
import io.kizuna.projection.customer.ProfileDocument.SegmentMembershipEntry;
import io.kizuna.projection.customer.ProfileDocument.TraitValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The profile fields segment rules read: activity, trait values, purchases, segments and consents. */
class ProfileFoldRuleFieldsTest {

    private static final String ID = "2f0c3c1e-8d6a-4a51-9a0e-0d3f8d7d1a11";
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private static TouchpointRecorded touchpoint(
            String messageId, String type, String channel, String campaign, String occurredAt, Money value) {
        return new TouchpointRecorded(
                ID, messageId, type, channel, Instant.parse(occurredAt), NOW, campaign, value, Map.of());
    }

    private static Money yen(String amount) {
        return new Money(new BigDecimal(amount), "JPY");
    }

    private static ProfileDocument fold(Object... events) {
        ProfileDocument profile = new ProfileDocument(ID);
        for (int i = 0; i < events.length; i++) {
            ProfileFold.apply(profile, events[i], i, NOW);
        }
        return profile;
    }

    private static TraitsChanged traits(Map<String, Object> set, String... removed) {
        return new TraitsChanged(ID, set, Arrays.asList(removed), NOW, null);
    }

    private static CustomerEnteredSegment entered(String segmentId, int version, String at) {
        return new CustomerEnteredSegment(ID, segmentId, version, Instant.parse(at), "event", "m-1", null);
    }

    private static CustomerLeftSegment left(String segmentId, int version, String at) {
        return new CustomerLeftSegment(ID, segmentId, version, Instant.parse(at), "time", null, null);
    }

    // ---- activity

    @Test
    void activityCountsTouchpointsPerUtcDayTypeChannelAndCampaignInOrder() {
        ProfileDocument profile = fold(
                touchpoint("m-1", "web_visit", "web", "spring", "2026-03-02T08:00:00+09:00", null), // 1 Mar UTC
                touchpoint("m-2", "web_visit", "web", "spring", "2026-03-01T23:59:59Z", null),
                touchpoint("m-3", "web_visit", "web", null, "2026-03-01T12:00:00Z", null),
                touchpoint("m-4", "purchase", "store", null, "2026-03-02T00:00:00Z", yen("100")),
                touchpoint("m-5", "purchase", "store", null, "2026-02-28T10:00:00Z", yen("100")),
                touchpoint("m-6", "return", "store", null, "2026-03-02T01:00:00Z", yen("-100")));

        assertThat(profile.activity)
                .containsExactly(
                        new ActivityBucket("2026-02-28", "purchase", "store", null, 1),
                        new ActivityBucket("2026-03-01", "web_visit", "web", null, 1),
                        new ActivityBucket("2026-03-01", "web_visit", "web", "spring", 2),
                        new ActivityBucket("2026-03-02", "purchase", "store", null, 1),
                        new ActivityBucket("2026-03-02", "return", "store", null, 1));
    }

    @Test
    void theSameTouchpointsInAnyOrderGiveTheSameActivity() {
        TouchpointRecorded a = touchpoint("m-1", "web_visit", "web", "x", "2026-03-01T10:00:00Z", null);
        TouchpointRecorded b = touchpoint("m-2", "web_visit", "web", null, "2026-03-01T11:00:00Z", null);
        TouchpointRecorded c = touchpoint("m-3", "purchase", "web", null, "2026-01-01T10:00:00Z", null);

        assertThat(fold(a, b, c, a).activity).isEqualTo(fold(c, a, b, a).activity);
    }

    // ---- trait values

    @Test
    void traitValuesAreOneEntryPerValueWithListsNestedObjectsFlagsAndNumbers() {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("plan", "gold");
        set.put("age", 35);
        set.put("score", 2.50);
        set.put("vip", true);
        set.put("tags", Arrays.asList("tea", null, "coffee"));
        set.put("address", Map.of("city", "Tokyo"));
        set.put("zip", "105");
        set.put("signup_date", "2026-01-15");
        set.put("empty", List.of());
        set.put("nothing", null);

        ProfileDocument profile = fold(traits(set));

        assertThat(profile.traitValues)
                .containsExactly(
                        new TraitValue("plan", "gold", null, "gold"),
                        new TraitValue("age", "35", 35.0, "35"),
                        new TraitValue("score", "2.5", 2.5, "2.5"),
                        new TraitValue("vip", "true", null, "true"),
                        new TraitValue("tags", "tea", null, "tea"),
                        new TraitValue("tags", "coffee", null, "coffee"),
                        new TraitValue("address.city", "Tokyo", null, "Tokyo"),
                        new TraitValue("zip", "105", 105.0, "105"),
                        new TraitValue("signup_date", "2026-01-15", null, "2026-01-15"));
    }

    @Test
    void listsOfObjectsGiveDottedNamesPerElement() {
        ProfileDocument profile =
                fold(traits(Map.of("orders", List.of(Map.of("sku", "A-1"), Map.of("sku", "B-2", "qty", 2)))));

        assertThat(profile.traitValues)
                .filteredOn(v -> v.name().equals("orders.sku"))
                .extracting(TraitValue::keyword)
                .containsExactly("A-1", "B-2");
        assertThat(profile.traitValues).contains(new TraitValue("orders.qty", "2", 2.0, "2"));
    }

    @Test
    void removedAndReplacedTraitsLeaveNoValuesBehind() {
        ProfileDocument profile = fold(
                traits(Map.of("plan", "gold", "tags", List.of("a", "b"))),
                traits(Map.of("plan", "silver"), "tags"),
                traits(Map.of("vip", false)));

        assertThat(profile.traitValues)
                .containsExactly(
                        new TraitValue("plan", "silver", null, "silver"),
                        new TraitValue("vip", "false", null, "false"));
    }

    @Test
    void aNumberReadsTheSameWhetherFromAnEventOrFromAStoredProfile() {
        // events may carry exact decimals; a profile read back from Elasticsearch has doubles and integers
        ProfileDocument fromEvent = fold(traits(Map.of("a", new BigDecimal("30.00"), "b", new BigDecimal("1E+2"))));
        ProfileDocument reloaded = fold(traits(Map.of("a", 30.0, "b", 100)));

        assertThat(fromEvent.traitValues).isEqualTo(reloaded.traitValues);
        assertThat(fromEvent.traitValues)
                .containsExactlyInAnyOrder(
                        new TraitValue("a", "30", 30.0, "30"), new TraitValue("b", "100", 100.0, "100"));
    }

    @Test
    void traitValuesAreBoundedPerCustomer() {
        List<Object> many = new ArrayList<>(IntStream.range(0, 5_000).boxed().toList());

        ProfileDocument profile = fold(traits(Map.of("many", many)));

        assertThat(profile.traitValues).hasSize(TraitValues.MAX_VALUES);
    }

    // ---- purchases

    @Test
    void purchasesCountPositiveValuesOfAnyTypeAndTheAverageIsTheLifetimeValuePerPurchase() {
        ProfileDocument profile = fold(
                touchpoint("m-1", "purchase", "store", null, "2026-10-01T10:00:00Z", yen("1000")),
                touchpoint("m-2", "subscription_renewal", "web", null, "2026-10-02T10:00:00Z", yen("2000")),
                touchpoint("m-3", "return", "store", null, "2026-10-03T10:00:00Z", yen("-500")),
                touchpoint("m-4", "purchase", "store", null, "2026-10-04T10:00:00Z", yen("0")),
                touchpoint("m-5", "web_visit", "web", null, "2026-10-04T10:00:00Z", null),
                touchpoint("m-6", "purchase", "web", null, "2026-10-05T10:00:00Z", new Money(BigDecimal.TEN, "USD")),
                touchpoint("m-7", "purchase", "web", null, "2026-10-06T10:00:00Z", new Money(BigDecimal.ONE, "USD")),
                touchpoint("m-8", "purchase", "web", null, "2026-10-07T10:00:00Z", new Money(BigDecimal.ONE, "USD")),
                touchpoint(
                        "m-9", "refund", "web", null, "2026-10-08T10:00:00Z", new Money(new BigDecimal("-5"), "EUR")));

        assertThat(profile.lifetimeValue)
                .containsExactly(
                        new Amount("EUR", "-5", -5.0, 0, null),
                        new Amount("JPY", "2500", 2500.0, 2, 1250.0),
                        new Amount("USD", "12", 12.0, 3, 4.0));
    }

    // ---- segments and consents

    @Test
    void segmentsAreTheCurrentMembershipsSinceTheirEntry() {
        ProfileDocument profile = fold(
                entered("vip", 1, "2026-03-01T10:00:00Z"),
                entered("frequent_buyers", 2, "2026-03-02T10:00:00Z"),
                left("vip", 1, "2026-04-01T10:00:00Z"),
                entered("vip", 3, "2026-05-01T10:00:00Z"));

        assertThat(profile.segments).containsExactly("frequent_buyers", "vip");
        assertThat(profile.segmentMemberships)
                .containsExactly(
                        new SegmentMembershipEntry("frequent_buyers", Instant.parse("2026-03-02T10:00:00Z"), 2),
                        new SegmentMembershipEntry("vip", Instant.parse("2026-05-01T10:00:00Z"), 3));
        assertThat(profile.toProfile().segments())
                .containsExactly(
                        new SegmentMembership("frequent_buyers", Instant.parse("2026-03-02T10:00:00Z")),
                        new SegmentMembership("vip", Instant.parse("2026-05-01T10:00:00Z")));
    }

    @Test
    void anEntryIntoASegmentTheCustomerIsInKeepsItsFirstSince() {
        ProfileDocument profile =
                fold(entered("vip", 1, "2026-03-01T10:00:00Z"), entered("vip", 2, "2026-03-05T10:00:00Z"));

        assertThat(profile.segments).containsExactly("vip");
        assertThat(profile.segmentMemberships)
                .containsExactly(new SegmentMembershipEntry("vip", Instant.parse("2026-03-01T10:00:00Z"), 2));
    }

    @Test
    void leavingASegmentTheCustomerIsNotInChangesNothingButTheSequence() {
        ProfileDocument profile = fold(entered("vip", 1, "2026-03-01T10:00:00Z"), left("other", 1, NOW.toString()));

        assertThat(profile.segments).containsExactly("vip");
        assertThat(profile.lastSequence).isEqualTo(1);
    }

    @Test
    void traitsAndTouchpointsGiveNoConsent() {
        ProfileDocument profile = fold(
                new CustomerRegistered(ID, Identifier.of("email", "a@example.jp"), NOW),
                traits(Map.of("email_marketing", true)),
                touchpoint("m-1", "purchase", "store", null, "2026-10-01T10:00:00Z", yen("1")));

        assertThat(profile.consents).isEmpty();
        assertThat(profile.consentEntries).isEmpty();
    }

    @Test
    void consentAnswersInForceAreKeyedForRulesAndListedForTheProfile() {
        Instant earlier = Instant.parse("2026-10-01T10:00:00Z");
        ProfileDocument profile = fold(
                new ConsentGiven(ID, "email_marketing", null, earlier, null, null),
                new ConsentWithdrawn(ID, "email_marketing", "sms", NOW, null, null),
                new ConsentGiven(ID, "analytics", "web", NOW, "src", "m-1"));

        assertThat(profile.consents).containsExactly("analytics:web", "email_marketing");
        assertThat(profile.consentsWithdrawn).containsExactly("email_marketing:sms");
        assertThat(profile.toProfile().consents())
                .containsExactly(
                        new Consent("analytics", "web", true, NOW),
                        new Consent("email_marketing", null, true, earlier),
                        new Consent("email_marketing", "sms", false, NOW));
        assertThat(profile.toProfile().consentsTo("email_marketing", "email")).isTrue();
        assertThat(profile.toProfile().consentsTo("email_marketing", "sms")).isFalse();
        assertThat(profile.toProfile().consentsTo("analytics", null)).isFalse();
    }

    @Test
    void anAnswerForEveryChannelReplacesTheAnswersForSingleChannels() {
        ProfileDocument profile = fold(
                new ConsentGiven(ID, "email_marketing", "email", NOW, null, null),
                new ConsentWithdrawn(ID, "email_marketing", null, NOW, null, null));

        assertThat(profile.consents).isEmpty();
        assertThat(profile.consentsWithdrawn).containsExactly("email_marketing");
        assertThat(profile.consentEntries).containsExactly(new Consent("email_marketing", null, false, NOW));
    }

    @Test
    void aSurvivorDoesNotTakeOverAnAbsorbedCustomersConsent() {
        String absorbedId = "absorbed";
        List<ProfileFold.History.Entry> absorbedHistory = List.of(
                new ProfileFold.History.Entry(new CustomerRegistered(absorbedId, null, NOW), 0),
                new ProfileFold.History.Entry(new ConsentGiven(absorbedId, "analytics", null, NOW, null, null), 1));
        ProfileDocument survivor = new ProfileDocument(ID);
        ProfileFold.apply(survivor, new CustomerRegistered(ID, null, NOW), 0, NOW, id -> absorbedHistory);
        ProfileFold.apply(
                survivor,
                new CustomerAbsorbed(ID, absorbedId, List.of(), Set.of(), Set.of(), null, NOW),
                1,
                NOW,
                id -> absorbedHistory);

        assertThat(survivor.mergedFrom).containsExactly(absorbedId);
        assertThat(survivor.consents).isEmpty();
    }

    // ---- idempotency

    @Test
    void redeliveredEventsChangeNoneOfTheRuleFields() {
        TouchpointRecorded purchase = touchpoint("m-1", "purchase", "store", null, "2026-10-01T10:00:00Z", yen("100"));
        TraitsChanged plan = traits(Map.of("plan", "gold"));
        CustomerEnteredSegment entry = entered("vip", 1, "2026-10-01T10:00:00Z");
        CustomerLeftSegment exit = left("vip", 1, "2026-10-02T10:00:00Z");
        ProfileDocument profile = fold(purchase, plan, entry, exit);
        List<ActivityBucket> activity = List.copyOf(profile.activity);
        List<Amount> value = List.copyOf(profile.lifetimeValue);
        List<TraitValue> traitValues = List.copyOf(profile.traitValues);

        assertThat(ProfileFold.apply(profile, purchase, 0, NOW)).isFalse();
        assertThat(ProfileFold.apply(profile, plan, 1, NOW)).isFalse();
        assertThat(ProfileFold.apply(profile, entry, 2, NOW)).isFalse();
        assertThat(ProfileFold.apply(profile, exit, 3, NOW)).isFalse();

        assertThat(profile.activity)
                .isEqualTo(activity)
                .singleElement()
                .extracting(ActivityBucket::count)
                .isEqualTo(1L);
        assertThat(profile.lifetimeValue).isEqualTo(value);
        assertThat(profile.traitValues).isEqualTo(traitValues);
        assertThat(profile.segments).isEmpty();
    }

    // ---- merges

    @Test
    void aSurvivorTakesOverTheAbsorbedActivityTraitValuesAndPurchasesButNotItsSegments() {
        String absorbedId = "44444444-4444-4444-4444-444444444444";
        MergeCause cause = MergeCause.message("identify-1", "web");
        List<ProfileFold.History.Entry> absorbedHistory = List.of(
                new ProfileFold.History.Entry(
                        new TouchpointRecorded(
                                absorbedId,
                                "a-1",
                                "purchase",
                                "store",
                                Instant.parse("2026-10-01T12:00:00Z"),
                                NOW,
                                null,
                                yen("3000"),
                                Map.of()),
                        0),
                new ProfileFold.History.Entry(
                        new TouchpointRecorded(
                                absorbedId,
                                "a-2",
                                "web_visit",
                                "web",
                                Instant.parse("2026-09-01T12:00:00Z"),
                                NOW,
                                "autumn",
                                null,
                                Map.of()),
                        1),
                new ProfileFold.History.Entry(
                        new TraitsChanged(absorbedId, Map.of("plan", "free", "city", "Osaka"), List.of(), NOW, null),
                        2),
                new ProfileFold.History.Entry(
                        new CustomerEnteredSegment(absorbedId, "new_customers", 1, NOW, "event", "a-1", null), 3),
                new ProfileFold.History.Entry(new CustomerMergedInto(absorbedId, ID, List.of(), cause, NOW), 4),
                // after the merge: frozen, never folded into the survivor
                new ProfileFold.History.Entry(
                        new TouchpointRecorded(
                                absorbedId,
                                "late",
                                "purchase",
                                "store",
                                Instant.parse("2026-10-01T12:00:00Z"),
                                NOW,
                                null,
                                yen("99"),
                                Map.of()),
                        5));
        ProfileFold.History history = customerId -> customerId.equals(absorbedId) ? absorbedHistory : List.of();
        ProfileDocument survivor = new ProfileDocument(ID);
        ProfileFold.apply(
                survivor,
                touchpoint("m-1", "purchase", "store", null, "2026-10-01T09:00:00Z", yen("1000")),
                0,
                NOW,
                history);
        ProfileFold.apply(survivor, traits(Map.of("plan", "gold")), 1, NOW, history);
        ProfileFold.apply(survivor, entered("vip", 1, "2026-10-01T10:00:00Z"), 2, NOW, history);
        CustomerAbsorbed absorbed = new CustomerAbsorbed(ID, absorbedId, List.of(), Set.of(), Set.of(), cause, NOW);

        ProfileFold.apply(survivor, absorbed, 3, NOW, history);
        ProfileFold.apply(survivor, absorbed, 3, NOW, history); // redelivered

        assertThat(survivor.activity)
                .containsExactly(
                        new ActivityBucket("2026-09-01", "web_visit", "web", "autumn", 1),
                        new ActivityBucket("2026-10-01", "purchase", "store", null, 2));
        assertThat(survivor.traitValues)
                .containsExactly(
                        new TraitValue("plan", "gold", null, "gold"), new TraitValue("city", "Osaka", null, "Osaka"));
        assertThat(survivor.lifetimeValue).containsExactly(new Amount("JPY", "4000", 4000.0, 2, 2000.0));
        assertThat(survivor.segments).containsExactly("vip");
    }
}
