package io.kizuna.projection.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.customer.Count;
import io.kizuna.api.customer.CustomerRegistered;
import io.kizuna.api.customer.IdentifierAdded;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.customer.TraitsChanged;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.journey.CustomerStage;
import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.merge.CustomerAbsorbed;
import io.kizuna.api.merge.CustomerMergedInto;
import io.kizuna.api.merge.MergeCause;
import io.kizuna.api.touchpoint.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileFoldTest {

    private static final String ID = "2f0c3c1e-8d6a-4a51-9a0e-0d3f8d7d1a11";
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private static TouchpointRecorded touchpoint(String messageId, String type, String occurredAt, Money value) {
        return new TouchpointRecorded(
                ID, messageId, type, "store", Instant.parse(occurredAt), NOW, "autumn", value, Map.of());
    }

    private static ProfileDocument fold(Object... events) {
        ProfileDocument profile = new ProfileDocument(ID);
        for (int i = 0; i < events.length; i++) {
            ProfileFold.apply(profile, events[i], i, NOW);
        }
        return profile;
    }

    @Test
    void lateTouchpointMovesFirstSeenBackButNotLastSeen() {
        ProfileDocument profile = fold(
                new CustomerRegistered(ID, Identifier.of("crm", "C-1"), NOW),
                touchpoint("m-1", "web_visit", "2026-10-20T10:00:00Z", null),
                touchpoint("m-2", "purchase", "2026-09-01T10:00:00Z", null));

        assertThat(profile.firstSeenAt).isEqualTo(Instant.parse("2026-09-01T10:00:00Z"));
        assertThat(profile.lastSeenAt).isEqualTo(Instant.parse("2026-10-20T10:00:00Z"));
        assertThat(profile.lastTouchpoint.messageId()).isEqualTo("m-1");
    }

    @Test
    void lifetimeValueIsSummedExactlyPerCurrency() {
        ProfileDocument profile = fold(
                new CustomerRegistered(ID, Identifier.of("crm", "C-1"), NOW),
                touchpoint("m-1", "purchase", "2026-10-01T10:00:00Z", new Money(new BigDecimal("0.10"), "USD")),
                touchpoint("m-2", "purchase", "2026-10-02T10:00:00Z", new Money(new BigDecimal("0.20"), "USD")),
                touchpoint("m-3", "purchase", "2026-10-03T10:00:00Z", new Money(new BigDecimal("1200"), "JPY")),
                touchpoint("m-4", "return", "2026-10-04T10:00:00Z", new Money(new BigDecimal("-200"), "JPY")));

        assertThat(profile.toProfile().lifetimeValue())
                .containsExactly(new Money(new BigDecimal("1000"), "JPY"), new Money(new BigDecimal("0.30"), "USD"));
    }

    @Test
    void countsPerTypeAndChannel() {
        ProfileDocument profile = fold(
                new CustomerRegistered(ID, Identifier.of("crm", "C-1"), NOW),
                touchpoint("m-1", "purchase", "2026-10-01T10:00:00Z", null),
                touchpoint("m-2", "purchase", "2026-10-02T10:00:00Z", null),
                touchpoint("m-3", "web_visit", "2026-10-03T10:00:00Z", null));

        assertThat(profile.touchpointCount).isEqualTo(3);
        assertThat(profile.toProfile().countsByType())
                .containsExactlyInAnyOrder(new Count("purchase", 2), new Count("web_visit", 1));
        assertThat(profile.toProfile().countsByChannel()).containsExactly(new Count("store", 3));
    }

    @Test
    void replayedEventChangesNothing() {
        TouchpointRecorded event = touchpoint("m-1", "purchase", "2026-10-01T10:00:00Z", null);
        ProfileDocument profile = fold(new CustomerRegistered(ID, Identifier.of("crm", "C-1"), NOW), event);

        boolean changed = ProfileFold.apply(profile, event, 1, NOW);

        assertThat(changed).isFalse();
        assertThat(profile.touchpointCount).isEqualTo(1);
    }

    @Test
    void traitsAndIdentifiersFeedTheSearchText() {
        ProfileDocument profile = fold(
                new CustomerRegistered(ID, Identifier.of("crm", "C-1"), NOW),
                new IdentifierAdded(ID, Identifier.of("email", "hanako@example.jp"), NOW),
                new TraitsChanged(ID, Map.of("name", "Hanako Yamada", "tier", "gold"), List.of(), NOW, null),
                new TraitsChanged(ID, Map.of(), List.of("tier"), NOW, null));

        assertThat(profile.traits).containsOnlyKeys("name");
        assertThat(profile.searchText)
                .contains("C-1", "hanako@example.jp", "Hanako Yamada")
                .doesNotContain("gold");
        assertThat(profile.toProfile().identifiers())
                .containsExactly(Identifier.of("crm", "C-1"), Identifier.of("email", "hanako@example.jp"));
    }

    @Test
    void aSurvivorFoldsInTheAbsorbedCustomersFrozenHistory() {
        String absorbedId = "22222222-2222-2222-2222-222222222222";
        MergeCause cause = MergeCause.message("identify-1", "web");
        List<ProfileFold.History.Entry> absorbedHistory = List.of(
                new ProfileFold.History.Entry(
                        new CustomerRegistered(absorbedId, Identifier.of("anonymousId", "a-1"), NOW), 0),
                new ProfileFold.History.Entry(
                        new TouchpointRecorded(
                                absorbedId,
                                "a-m1",
                                "web_visit",
                                "web",
                                Instant.parse("2026-08-01T10:00:00Z"),
                                NOW,
                                null,
                                new Money(new BigDecimal("5"), "USD"),
                                Map.of()),
                        1),
                new ProfileFold.History.Entry(
                        new TraitsChanged(absorbedId, Map.of("name", "Hana", "plan", "free"), List.of(), NOW, null), 2),
                new ProfileFold.History.Entry(new CustomerMergedInto(absorbedId, ID, List.of(), cause, NOW), 3),
                new ProfileFold.History.Entry(
                        new TouchpointRecorded(
                                absorbedId, "after-merge", "purchase", "web", NOW, NOW, null, null, Map.of()),
                        4));
        ProfileFold.History history = customerId -> customerId.equals(absorbedId) ? absorbedHistory : List.of();
        ProfileDocument survivor = new ProfileDocument(ID);
        ProfileFold.apply(survivor, new CustomerRegistered(ID, Identifier.of("userId", "u-1"), NOW), 0, NOW, history);
        ProfileFold.apply(
                survivor,
                touchpoint("m-1", "purchase", "2026-10-01T10:00:00Z", new Money(BigDecimal.TEN, "USD")),
                1,
                NOW,
                history);
        ProfileFold.apply(
                survivor, new TraitsChanged(ID, Map.of("plan", "gold"), List.of(), NOW, null), 2, NOW, history);

        ProfileFold.apply(
                survivor,
                new CustomerAbsorbed(ID, absorbedId, List.of(), Set.of(), Set.of(), cause, NOW),
                3,
                NOW,
                history);

        assertThat(survivor.touchpointCount).isEqualTo(2);
        assertThat(survivor.firstSeenAt).isEqualTo(Instant.parse("2026-08-01T10:00:00Z"));
        assertThat(survivor.toProfile().lifetimeValue()).containsExactly(new Money(new BigDecimal("15"), "USD"));
        assertThat(survivor.traits).containsEntry("plan", "gold").containsEntry("name", "Hana");
        assertThat(survivor.mergedFrom).containsExactly(absorbedId);
        assertThat(survivor.toProfile().identifiers())
                .containsExactly(Identifier.of("userId", "u-1"), Identifier.of("anonymousId", "a-1"));
    }

    @Test
    void aMergedAwayProfileNamesItsSurvivor() {
        ProfileDocument absorbed = fold(
                new CustomerRegistered(ID, Identifier.of("anonymousId", "a-1"), NOW),
                new CustomerMergedInto(ID, "survivor", List.of(), MergeCause.user("api", "same person"), NOW));
        assertThat(absorbed.mergedInto).isEqualTo("survivor");
    }

    @Test
    void groupCallsMakeAccountMembershipsWithTheLatestTraits() {
        ProfileDocument profile = fold(
                new CustomerRegistered(ID, Identifier.of("userId", "u-1"), NOW),
                new TouchpointRecorded(
                        ID,
                        "g-2",
                        "group_joined",
                        "web",
                        Instant.parse("2026-10-02T00:00:00Z"),
                        NOW,
                        null,
                        null,
                        Map.of("groupId", "acme", "traits", Map.of("plan", "enterprise"))),
                new TouchpointRecorded(
                        ID,
                        "g-1",
                        "group_joined",
                        "web",
                        Instant.parse("2026-10-01T00:00:00Z"),
                        NOW,
                        null,
                        null,
                        Map.of("groupId", "acme", "traits", Map.of("plan", "team", "industry", "tea"))));

        assertThat(profile.accountIds).containsExactly("acme");
        assertThat(profile.accounts).singleElement().satisfies(account -> {
            assertThat(account.traits()).containsEntry("plan", "enterprise").containsEntry("industry", "tea");
            assertThat(account.joinedAt()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        });
    }

    private static JourneyStageEntered entered(
            String model, String from, String to, String at, String causeKind, String causeMessageId) {
        return new JourneyStageEntered(ID, model, 1, from, to, Instant.parse(at), causeKind, causeMessageId, NOW);
    }

    private static TouchpointRecorded visit(String messageId, String channel, String campaign, String at) {
        return new TouchpointRecorded(
                ID, messageId, "web_visit", channel, Instant.parse(at), NOW, campaign, null, Map.of());
    }

    @Test
    void aTransitionReplacesTheModelsStageAndKeepsItsCausesChannelAndCampaign() {
        ProfileDocument profile = fold(
                visit("m-1", "web", "spring", "2026-01-31T23:00:00Z"),
                visit("m-2", "store", null, "2026-02-03T10:00:00Z"),
                entered("funnel", null, "visit", "2026-01-31T23:00:00Z", JourneyStageEntered.TOUCHPOINT, "m-1"),
                entered("lifecycle", null, "awareness", "2026-01-31T23:00:00Z", JourneyStageEntered.TOUCHPOINT, "m-1"),
                entered("funnel", "visit", "signup", "2026-02-03T10:00:00Z", JourneyStageEntered.TOUCHPOINT, "m-2"));

        assertThat(profile.stages).hasSize(2);
        ProfileDocument.StageEntry funnel = profile.stage("funnel");
        assertThat(funnel.stage()).isEqualTo("signup");
        assertThat(funnel.from()).isEqualTo("visit");
        assertThat(funnel.sequence()).isEqualTo(4);
        assertThat(funnel.modelVersion()).isEqualTo(1);
        assertThat(funnel.channel()).isEqualTo("store");
        assertThat(funnel.campaign()).isNull();
        assertThat(funnel.causeMessageId()).isEqualTo("m-2");
        // the month of the first-seen time, in UTC, when the customer entered
        assertThat(funnel.firstSeenMonth()).isEqualTo("2026-01");
        ProfileDocument.StageEntry lifecycle = profile.stage("lifecycle");
        assertThat(lifecycle.channel()).isEqualTo("web");
        assertThat(lifecycle.campaign()).isEqualTo("spring");
        assertThat(profile.toProfile().stages())
                .containsExactly(
                        new CustomerStage("funnel", "signup", Instant.parse("2026-02-03T10:00:00Z")),
                        new CustomerStage("lifecycle", "awareness", Instant.parse("2026-01-31T23:00:00Z")));
    }

    @Test
    void aCauseRecordedInAnEarlierBatchIsFoundInTheStoredHistory() {
        TouchpointRecorded cause = visit("m-1", "email", "welcome", "2026-03-01T10:00:00Z");
        ProfileFold.History history = customerId -> List.of(new ProfileFold.History.Entry(cause, 0));
        ProfileDocument earlier = new ProfileDocument(ID);
        ProfileFold.apply(earlier, cause, 0, NOW, history);
        // the next batch loads the stored profile: what the earlier batch saw in memory is gone
        ProfileDocument reloaded = new ProfileDocument(ID);
        reloaded.firstSeenAt = earlier.firstSeenAt;
        reloaded.lastSequence = earlier.lastSequence;

        ProfileFold.apply(
                reloaded,
                entered("funnel", null, "visit", "2026-03-01T10:00:00Z", JourneyStageEntered.TOUCHPOINT, "m-1"),
                1,
                NOW,
                history);

        assertThat(reloaded.stage("funnel").channel()).isEqualTo("email");
        assertThat(reloaded.stage("funnel").campaign()).isEqualTo("welcome");
    }

    @Test
    void deadlinesAndReevaluationsHaveNoChannel() {
        ProfileDocument profile = fold(
                visit("m-1", "web", "spring", "2026-01-01T00:00:00Z"),
                entered("funnel", null, "visit", "2026-01-01T00:00:00Z", JourneyStageEntered.TOUCHPOINT, "m-1"),
                entered("funnel", "visit", "lapsed", "2026-02-01T00:00:00Z", JourneyStageEntered.DEADLINE, null),
                entered("other", null, "interest", "2026-02-01T00:00:00Z", JourneyStageEntered.REEVALUATION, null));

        assertThat(profile.stage("funnel").stage()).isEqualTo("lapsed");
        assertThat(profile.stage("funnel").channel()).isNull();
        assertThat(profile.stage("funnel").causeKind()).isEqualTo(JourneyStageEntered.DEADLINE);
        assertThat(profile.stage("other").channel()).isNull();
    }

    @Test
    void aReplayedTransitionChangesNothing() {
        JourneyStageEntered first =
                entered("funnel", null, "visit", "2026-01-01T00:00:00Z", JourneyStageEntered.TOUCHPOINT, "m-1");
        ProfileDocument profile = fold(
                visit("m-1", "web", null, "2026-01-01T00:00:00Z"),
                first,
                entered("funnel", "visit", "signup", "2026-01-02T00:00:00Z", JourneyStageEntered.DEADLINE, null));

        assertThat(ProfileFold.apply(profile, first, 1, NOW)).isFalse();
        assertThat(profile.stage("funnel").stage()).isEqualTo("signup");
    }

    @Test
    void aSurvivorKeepsItsOwnStagesWhenItAbsorbsACustomer() {
        String absorbedId = "33333333-3333-3333-3333-333333333333";
        List<ProfileFold.History.Entry> absorbedHistory = List.of(
                new ProfileFold.History.Entry(
                        new TouchpointRecorded(absorbedId, "a-1", "web_visit", "web", NOW, NOW, null, null, Map.of()),
                        0),
                new ProfileFold.History.Entry(
                        new JourneyStageEntered(
                                absorbedId,
                                "funnel",
                                1,
                                null,
                                "signup",
                                NOW,
                                JourneyStageEntered.TOUCHPOINT,
                                "a-1",
                                NOW),
                        1));
        ProfileFold.History history = customerId -> absorbedHistory;
        ProfileDocument survivor = fold(
                visit("m-1", "store", null, "2026-01-01T00:00:00Z"),
                entered("funnel", null, "visit", "2026-01-01T00:00:00Z", JourneyStageEntered.TOUCHPOINT, "m-1"));

        ProfileFold.apply(
                survivor,
                new CustomerAbsorbed(
                        ID, absorbedId, List.of(), Set.of(), Set.of(), MergeCause.user("api", "same"), NOW),
                2,
                NOW,
                history);

        assertThat(survivor.stages).singleElement().satisfies(stage -> assertThat(stage.stage())
                .isEqualTo("visit"));
        assertThat(survivor.touchpointCount).isEqualTo(2);
    }
}
