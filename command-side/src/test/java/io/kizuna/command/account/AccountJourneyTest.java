package io.kizuna.command.account;

import io.kizuna.api.journey.AccountRegistered;
import io.kizuna.api.journey.AccountStageEntered;
import io.kizuna.api.journey.AccountTouchpoint;
import io.kizuna.api.journey.AccountTouchpointRecorded;
import io.kizuna.api.journey.EntryRule;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.journey.JourneyStageEntered;
import io.kizuna.api.journey.LocalizedText;
import io.kizuna.api.journey.RecordAccountActivity;
import io.kizuna.api.journey.TouchpointCondition;
import io.kizuna.api.touchpoint.Touchpoint;
import io.kizuna.command.identity.IdentityHashKey;
import io.kizuna.command.journey.CurrentJourneyModels;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An account moves through a per-account model by the touchpoints of all its people. */
class AccountJourneyTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant MON = Instant.parse("2026-10-26T09:00:00Z");
    private static final Instant TUE = Instant.parse("2026-10-27T09:00:00Z");
    private static final String GROUP = "acme-corp";
    private static final IdentityHashKey KEY = new IdentityHashKey("0123456789abcdef0123456789abcdef".getBytes());
    private static final String ACCOUNT = KEY.claimIdOf(AccountOf.ACCOUNT_KEY_TYPE, GROUP);
    private static final String ALICE = "11111111-1111-1111-1111-111111111111";
    private static final String BOB = "22222222-2222-2222-2222-222222222222";

    private static final JourneyModelDefinition B2B = new JourneyModelDefinition(
            "b2b",
            new LocalizedText("B2B", "B2B"),
            List.of(stage("research"), stage("evaluation")),
            List.of(),
            List.of(
                    new EntryRule("research", TouchpointCondition.ofTypes("web_visit")),
                    new EntryRule("evaluation", TouchpointCondition.ofTypes("demo_requested"))),
            List.of(),
            false,
            true);
    /** Evaluated per customer only: an account never moves through it. */
    private static final JourneyModelDefinition B2C = new JourneyModelDefinition(
            "b2c",
            new LocalizedText("B2C", "B2C"),
            List.of(stage("visit"), stage("buy")),
            List.of(),
            List.of(new EntryRule("visit", TouchpointCondition.ofTypes("web_visit"))),
            List.of(),
            true,
            false);

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(
                CurrentJourneyModels.of(new JourneyModel(B2B, 1, false, NOW), new JourneyModel(B2C, 1, false, NOW)));
    }

    private static JourneyStageDefinition stage(String id) {
        return new JourneyStageDefinition(id, new LocalizedText(id, id), null);
    }

    private static AccountTouchpoint by(String customerId, String messageId, String type, Instant at) {
        return new AccountTouchpoint(
                customerId, new Touchpoint(messageId, type, "web", at, null, null, Map.of("groupId", GROUP)));
    }

    private static AccountTouchpointRecorded recorded(String customerId, String messageId, String type, Instant at) {
        return new AccountTouchpointRecorded(
                ACCOUNT, customerId, messageId, type, "web", null, at, null, Map.of("groupId", GROUP), NOW);
    }

    @Test
    void theFirstTouchpointOfAnAccountRegistersItAndMovesItThroughPerAccountModelsOnly() {
        fixture.givenNoPriorActivity()
                .when(new RecordAccountActivity(ACCOUNT, GROUP, List.of(by(ALICE, "m1", "web_visit", MON))))
                .expectEvents(
                        new AccountRegistered(ACCOUNT, GROUP, NOW),
                        recorded(ALICE, "m1", "web_visit", MON),
                        new AccountStageEntered(
                                ACCOUNT,
                                "b2b",
                                1,
                                null,
                                "research",
                                MON,
                                JourneyStageEntered.TOUCHPOINT,
                                "m1",
                                ALICE,
                                NOW));
    }

    @Test
    void anotherPersonOfTheAccountMovesTheWholeAccount() {
        fixture.given(
                        new AccountRegistered(ACCOUNT, GROUP, NOW),
                        recorded(ALICE, "m1", "web_visit", MON),
                        new AccountStageEntered(
                                ACCOUNT,
                                "b2b",
                                1,
                                null,
                                "research",
                                MON,
                                JourneyStageEntered.TOUCHPOINT,
                                "m1",
                                ALICE,
                                NOW))
                .when(new RecordAccountActivity(ACCOUNT, GROUP, List.of(by(BOB, "m2", "demo_requested", TUE))))
                .expectEvents(
                        recorded(BOB, "m2", "demo_requested", TUE),
                        new AccountStageEntered(
                                ACCOUNT,
                                "b2b",
                                1,
                                "research",
                                "evaluation",
                                TUE,
                                JourneyStageEntered.TOUCHPOINT,
                                "m2",
                                BOB,
                                NOW));
    }

    @Test
    void aRetriedTouchpointCountsOnce() {
        fixture.given(new AccountRegistered(ACCOUNT, GROUP, NOW), recorded(ALICE, "m1", "web_visit", MON))
                .when(new RecordAccountActivity(ACCOUNT, GROUP, List.of(by(ALICE, "m1", "web_visit", MON))))
                .expectNoEvents();
    }

    @Test
    void theAccountIdIsKeyedSoThatGuessingGroupIdsRevealsNothingWithoutTheKey() {
        IdentityHashKey otherInstallation = new IdentityHashKey("fedcba9876543210fedcba9876543210".getBytes());
        org.assertj.core.api.Assertions.assertThat(ACCOUNT)
                .doesNotContain(GROUP)
                .matches("[0-9a-f]{64}")
                .isNotEqualTo(otherInstallation.claimIdOf(AccountOf.ACCOUNT_KEY_TYPE, GROUP))
                .isEqualTo(KEY.claimIdOf(AccountOf.ACCOUNT_KEY_TYPE, GROUP));
    }
}
