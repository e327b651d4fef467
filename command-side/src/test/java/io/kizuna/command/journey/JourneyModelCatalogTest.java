package io.kizuna.command.journey;

import io.kizuna.api.journey.DefineJourneyModel;
import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyModel;
import io.kizuna.api.journey.JourneyModelDefined;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.LocalizedText;
import io.kizuna.api.validation.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JourneyModelCatalogTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final JourneyModelDefinition SHOP = CustomerJourneyTest.SHOP;

    private FixtureConfiguration<JourneyModelCatalog> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(JourneyModelCatalog.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static JourneyModelDefined defined(JourneyModelDefinition d, int version, boolean builtIn) {
        return new JourneyModelDefined(JourneyCatalog.ID, d, version, builtIn, NOW);
    }

    private static JourneyModelDefinition relabelled(JourneyModelDefinition d) {
        return new JourneyModelDefinition(
                d.id(),
                new LocalizedText("Shop journey", "ショップの旅"),
                d.stages(),
                d.transitions(),
                d.rules(),
                d.inactivityRules(),
                d.isDefault(),
                d.perAccount());
    }

    @Test
    void aNewModelIsVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new DefineJourneyModel(SHOP))
                .expectEvents(defined(SHOP, 1, false))
                .expectResultMessagePayload(new JourneyModel(SHOP, 1, false, NOW));
    }

    @Test
    void redefiningAModelMakesTheNextVersion() {
        fixture.given(defined(SHOP, 1, false))
                .when(new DefineJourneyModel(relabelled(SHOP)))
                .expectEvents(defined(relabelled(SHOP), 2, false));
    }

    @Test
    void definingTheSameModelAgainStoresNothing() {
        fixture.given(defined(SHOP, 1, false))
                .when(new DefineJourneyModel(SHOP))
                .expectNoEvents()
                .expectResultMessagePayload(new JourneyModel(SHOP, 1, false, NOW));
    }

    @Test
    void aBuiltInDefinitionNeverReplacesAModelThatExists() {
        fixture.given(defined(relabelled(SHOP), 1, false))
                .when(new DefineJourneyModel(JourneyCatalog.ID, SHOP, true))
                .expectNoEvents();
    }

    @Test
    void anInvalidModelIsRefusedAndNothingIsStored() {
        JourneyModelDefinition broken = new JourneyModelDefinition(
                "Bad Id",
                SHOP.labels(),
                SHOP.stages(),
                SHOP.transitions(),
                SHOP.rules(),
                SHOP.inactivityRules(),
                true,
                false);
        fixture.givenNoPriorActivity()
                .when(new DefineJourneyModel(broken))
                .expectNoEvents()
                .expectException(InvalidInputException.class);
    }

    @Test
    void theDefaultModelCannotStopBeingTheDefaultOnItsOwn() {
        JourneyModelDefinition notDefault = new JourneyModelDefinition(
                SHOP.id(),
                SHOP.labels(),
                SHOP.stages(),
                SHOP.transitions(),
                SHOP.rules(),
                SHOP.inactivityRules(),
                false,
                false);
        fixture.given(defined(SHOP, 1, false))
                .when(new DefineJourneyModel(notDefault))
                .expectNoEvents()
                .expectException(InvalidInputException.class);
    }
}
