package io.kizuna.command.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.journey.AllowedTransition;
import io.kizuna.api.journey.EntryRule;
import io.kizuna.api.journey.InactivityRule;
import io.kizuna.api.journey.JourneyCatalog;
import io.kizuna.api.journey.JourneyModelDefined;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.journey.LocalizedText;
import io.kizuna.api.journey.PropertyCondition;
import io.kizuna.api.journey.TouchpointCondition;
import io.kizuna.api.validation.Violation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JourneyModelValidatorTest {

    private static final List<JourneyStageDefinition> STAGES =
            List.of(stage("visitor"), stage("shopper"), stage("buyer"));
    private static final List<EntryRule> RULES = List.of(
            rule("visitor", TouchpointCondition.ofTypes("page_view")),
            rule("shopper", TouchpointCondition.ofTypes("product_viewed")),
            rule("buyer", TouchpointCondition.ofTypes("purchase")));
    private static final List<InactivityRule> INACTIVITY =
            List.of(new InactivityRule("buyer", Duration.ofDays(365), List.of("purchase"), "shopper"));

    private static final JourneyModelDefinition VALID = new JourneyModelDefinition(
            "shop_journey",
            new LocalizedText("Shop journey", "ショップの旅"),
            STAGES,
            List.of(),
            RULES,
            INACTIVITY,
            false,
            false);

    @Test
    void aWellFormedModelHasNoViolations() {
        assertThat(JourneyModelValidator.validate(VALID)).isEmpty();
    }

    @Test
    void everyBuiltInModelValidatesClean() {
        for (JourneyModelDefinition model : BuiltInJourneyModels.all()) {
            assertThat(JourneyModelValidator.validate(model)).as(model.id()).isEmpty();
        }
    }

    @Test
    void modelIdMustBeLowerSnakeCase() {
        List<Violation> violations = JourneyModelValidator.validate(withId("Shop Journey"));

        assertThat(violations).extracting(Violation::field).containsExactly("id");
        assertThat(violations.get(0).message()).contains("'Shop Journey'").contains("did you mean 'shop_journey'");
    }

    @Test
    void modelIdIsRequired() {
        assertThat(JourneyModelValidator.validate(withId(null)))
                .extracting(Violation::field)
                .containsExactly("id");
    }

    @Test
    void modelNeedsAJapaneseLabel() {
        JourneyModelDefinition model = withLabels(new LocalizedText("Shop journey", " "));

        assertThat(JourneyModelValidator.validate(model))
                .extracting(Violation::field)
                .containsExactly("labels.ja");
    }

    @Test
    void modelLabelsAreRequired() {
        assertThat(JourneyModelValidator.validate(withLabels(null)))
                .extracting(Violation::field)
                .containsExactly("labels");
    }

    @Test
    void labelsAreAtMost200Characters() {
        JourneyModelDefinition model = withLabels(new LocalizedText("x".repeat(201), "ショップ"));

        assertThat(JourneyModelValidator.validate(model))
                .extracting(Violation::field)
                .containsExactly("labels.en");
    }

    @Test
    void aModelNeedsAtLeastTwoStages() {
        JourneyModelDefinition model = with(
                List.of(stage("visitor")),
                List.of(),
                List.of(rule("visitor", TouchpointCondition.ofTypes("page_view"))),
                List.of());

        assertThat(JourneyModelValidator.validate(model))
                .extracting(Violation::field)
                .containsExactly("stages");
    }

    @Test
    void aModelHasAtMostThirtyStages() {
        List<JourneyStageDefinition> stages =
                IntStream.range(0, 31).mapToObj(i -> stage("stage_" + i)).toList();

        assertThat(JourneyModelValidator.validate(with(stages, List.of(), RULES, List.of())))
                .extracting(Violation::field)
                .containsExactly("stages");
    }

    @Test
    void stageIdsMustBeLowerSnakeCase() {
        List<JourneyStageDefinition> stages = List.of(stage("visitor"), stage("Shopper"), stage("buyer"));
        List<EntryRule> rules = List.of(
                rule("visitor", TouchpointCondition.ofTypes("page_view")),
                rule("buyer", TouchpointCondition.ofTypes("purchase")));

        assertThat(JourneyModelValidator.validate(with(stages, List.of(), rules, List.of())))
                .extracting(Violation::field)
                .containsExactly("stages[1].id");
    }

    @Test
    void stageIdsAreUniqueWithinAModel() {
        List<JourneyStageDefinition> stages = List.of(stage("visitor"), stage("shopper"), stage("visitor"));
        List<EntryRule> rules = List.of(
                rule("visitor", TouchpointCondition.ofTypes("page_view")),
                rule("shopper", TouchpointCondition.ofTypes("product_viewed")));
        List<Violation> violations = JourneyModelValidator.validate(with(stages, List.of(), rules, List.of()));

        assertThat(violations).extracting(Violation::field).containsExactly("stages[2].id");
        assertThat(violations.get(0).message()).contains("'visitor'").contains("stages[0]");
    }

    @Test
    void everyStageNeedsLabels() {
        List<JourneyStageDefinition> stages = List.of(
                stage("visitor"),
                new JourneyStageDefinition("shopper", new LocalizedText(null, "買い物客"), null),
                stage("buyer"));

        assertThat(JourneyModelValidator.validate(with(stages, List.of(), RULES, INACTIVITY)))
                .extracting(Violation::field)
                .containsExactly("stages[1].labels.en");
    }

    @Test
    void stageDescriptionsAreAtMost1000Characters() {
        List<JourneyStageDefinition> stages = List.of(
                new JourneyStageDefinition("visitor", new LocalizedText("Visitor", "訪問者"), "x".repeat(1001)),
                stage("shopper"),
                stage("buyer"));

        assertThat(JourneyModelValidator.validate(with(stages, List.of(), RULES, INACTIVITY)))
                .extracting(Violation::field)
                .containsExactly("stages[0].description");
    }

    @Test
    void transitionsNameStagesOfTheModel() {
        List<AllowedTransition> transitions = List.of(
                new AllowedTransition(null, "visitor"),
                new AllowedTransition("visitor", "shopper"),
                new AllowedTransition("shopper", "buyer"),
                new AllowedTransition("vistor", "buyer"),
                new AllowedTransition("shopper", "byer"));
        List<Violation> violations = JourneyModelValidator.validate(with(STAGES, transitions, RULES, INACTIVITY));

        assertThat(violations).extracting(Violation::field).containsExactly("transitions[3].from", "transitions[4].to");
        assertThat(violations.get(1).message()).contains("'byer'").contains("visitor, shopper, buyer");
    }

    @Test
    void aTransitionIsAllowedOnlyOnce() {
        List<AllowedTransition> transitions = List.of(
                new AllowedTransition(null, "visitor"),
                new AllowedTransition("visitor", "shopper"),
                new AllowedTransition("shopper", "buyer"),
                new AllowedTransition("visitor", "shopper"));
        List<Violation> violations = JourneyModelValidator.validate(with(STAGES, transitions, RULES, INACTIVITY));

        assertThat(violations).extracting(Violation::field).containsExactly("transitions[3]");
        assertThat(violations.get(0).message()).contains("transitions[1]");
    }

    @Test
    void aMoveToTheSameStageIsNotATransition() {
        List<AllowedTransition> transitions = List.of(
                new AllowedTransition(null, "visitor"),
                new AllowedTransition("visitor", "shopper"),
                new AllowedTransition("shopper", "buyer"),
                new AllowedTransition("buyer", "buyer"));

        assertThat(JourneyModelValidator.validate(with(STAGES, transitions, RULES, INACTIVITY)))
                .extracting(Violation::field)
                .containsExactly("transitions[3]");
    }

    @Test
    void aStageNoAllowedMoveLeadsIntoCannotBeReachedAndItsRulesCanNeverFire() {
        List<AllowedTransition> transitions =
                List.of(new AllowedTransition(null, "visitor"), new AllowedTransition("visitor", "shopper"));
        List<Violation> violations = JourneyModelValidator.validate(with(STAGES, transitions, RULES, List.of()));

        assertThat(violations).extracting(Violation::field).containsExactly("stages[2]", "rules[2].enter");
        assertThat(violations.get(0).message())
                .isEqualTo("stage 'buyer' cannot be reached: no transition or rule leads to it");
    }

    @Test
    void aStageNoRuleEntersCannotBeReached() {
        List<EntryRule> rules = List.of(
                rule("visitor", TouchpointCondition.ofTypes("page_view")),
                rule("buyer", TouchpointCondition.ofTypes("purchase")));

        assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), rules, List.of())))
                .extracting(Violation::field)
                .containsExactly("stages[1]");
    }

    @Test
    void aStageOnlyAnInactivityRuleEntersIsReachable() {
        List<JourneyStageDefinition> stages = List.of(stage("visitor"), stage("buyer"), stage("lapsed"));
        List<EntryRule> rules = List.of(
                rule("visitor", TouchpointCondition.ofTypes("page_view")),
                rule("buyer", TouchpointCondition.ofTypes("purchase")));
        List<InactivityRule> inactivity =
                List.of(new InactivityRule("buyer", Duration.ofDays(365), List.of("purchase"), "lapsed"));

        assertThat(JourneyModelValidator.validate(with(stages, List.of(), rules, inactivity)))
                .isEmpty();
    }

    @Test
    void aModelNeedsAnEntryRule() {
        assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), List.of(), INACTIVITY)))
                .extracting(Violation::field)
                .containsExactly("rules");
    }

    @Test
    void aModelHasAtMost200Rules() {
        List<EntryRule> rules = IntStream.range(0, 201)
                .mapToObj(i ->
                        rule("visitor", TouchpointCondition.ofTypes("page_view").withCountAtLeast(i + 1)))
                .toList();

        assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), rules, INACTIVITY)))
                .extracting(Violation::field)
                .containsExactly("rules");
    }

    @Test
    void aRuleEntersAStageOfTheModel() {
        List<EntryRule> rules = new ArrayList<>(RULES);
        rules.add(rule("vip", TouchpointCondition.ofTypes("loyalty_joined")));
        List<Violation> violations = JourneyModelValidator.validate(with(STAGES, List.of(), rules, INACTIVITY));

        assertThat(violations).extracting(Violation::field).containsExactly("rules[3].enter");
        assertThat(violations.get(0).message()).contains("'vip'");
    }

    @Test
    void ruleTouchpointTypesAreLowerSnakeCase() {
        List<Violation> violations =
                JourneyModelValidator.validate(withRule(1, TouchpointCondition.ofTypes("Order Completed")));

        assertThat(violations).extracting(Violation::field).containsExactly("rules[1].when.types[0]");
        assertThat(violations.get(0).message()).contains("did you mean 'order_completed'");
    }

    @Test
    void ruleChannelsAreLowerSnakeCase() {
        TouchpointCondition when = TouchpointCondition.ofTypes("product_viewed").withChannels("web", "Mobile-App");

        assertThat(JourneyModelValidator.validate(withRule(1, when)))
                .extracting(Violation::field)
                .containsExactly("rules[1].when.channels[1]");
    }

    @Test
    void ruleCampaignsAreNotBlank() {
        TouchpointCondition when = new TouchpointCondition(
                List.of("product_viewed"), null, List.of("summer_sale", " "), null, null, null, null, null);

        assertThat(JourneyModelValidator.validate(withRule(1, when)))
                .extracting(Violation::field)
                .containsExactly("rules[1].when.campaigns[1]");
    }

    @Test
    void aPropertyTestGivesExactlyOneOfEqualsAnyOfAndExists() {
        TouchpointCondition when = TouchpointCondition.ofTypes("product_viewed")
                .withProperty(new PropertyCondition("category", "shoes", List.of("bags"), null))
                .withProperty(new PropertyCondition("brand", null, null, null));
        List<Violation> violations = JourneyModelValidator.validate(withRule(1, when));

        assertThat(violations)
                .extracting(Violation::field)
                .containsExactly("rules[1].when.properties[0]", "rules[1].when.properties[1]");
        assertThat(violations.get(0).message()).contains("equals and anyOf");
        assertThat(violations.get(1).message()).contains("got none");
    }

    @Test
    void aPropertyTestNamesTheProperty() {
        TouchpointCondition when = TouchpointCondition.ofTypes("product_viewed")
                .withProperty(new PropertyCondition(" ", null, null, true));

        assertThat(JourneyModelValidator.validate(withRule(1, when)))
                .extracting(Violation::field)
                .containsExactly("rules[1].when.properties[0].name");
    }

    @Test
    void minValueIsNotAboveMaxValue() {
        TouchpointCondition when = new TouchpointCondition(
                List.of("purchase"), null, null, null, new BigDecimal("10000"), new BigDecimal("500"), "JPY", null);

        assertThat(JourneyModelValidator.validate(withRule(2, when)))
                .extracting(Violation::field)
                .containsExactly("rules[2].when.minValue");
    }

    @Test
    void currencyIsAnIso4217Code() {
        TouchpointCondition when = TouchpointCondition.ofTypes("purchase").withMinValue(new BigDecimal("5000"), "YEN");
        List<Violation> violations = JourneyModelValidator.validate(withRule(2, when));

        assertThat(violations).extracting(Violation::field).containsExactly("rules[2].when.currency");
        assertThat(violations.get(0).message()).contains("'YEN'");
    }

    @Test
    void currencyIsGivenOnlyWithAValueBound() {
        TouchpointCondition when =
                new TouchpointCondition(List.of("purchase"), null, null, null, null, null, "JPY", null);

        assertThat(JourneyModelValidator.validate(withRule(2, when)))
                .extracting(Violation::field)
                .containsExactly("rules[2].when.currency");
    }

    @Test
    void countAtLeastIsBetweenOneAnd1000() {
        assertThat(JourneyModelValidator.validate(
                        withRule(2, TouchpointCondition.ofTypes("purchase").withCountAtLeast(0))))
                .extracting(Violation::field)
                .containsExactly("rules[2].when.countAtLeast");
        assertThat(JourneyModelValidator.validate(
                        withRule(2, TouchpointCondition.ofTypes("purchase").withCountAtLeast(1001))))
                .extracting(Violation::field)
                .containsExactly("rules[2].when.countAtLeast");
    }

    @Test
    void rulesWithTheSameConditionEnteringDifferentStagesConflict() {
        List<EntryRule> rules = new ArrayList<>(RULES);
        rules.add(rule("buyer", TouchpointCondition.ofTypes("product_viewed")));
        List<Violation> violations = JourneyModelValidator.validate(with(STAGES, List.of(), rules, INACTIVITY));

        assertThat(violations).extracting(Violation::field).containsExactly("rules[3]");
        assertThat(violations.get(0).message())
                .contains("rules[1]")
                .contains("'shopper'")
                .contains("'buyer'");
    }

    @Test
    void conditionsThatMeanTheSameConflictWhateverTheirOrder() {
        List<EntryRule> rules = List.of(
                rule("visitor", TouchpointCondition.ofTypes("page_view", "product_viewed")),
                rule(
                        "shopper",
                        TouchpointCondition.ofTypes("product_viewed", "page_view")
                                .withCountAtLeast(1)),
                rule("buyer", TouchpointCondition.ofTypes("purchase")));

        assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), rules, INACTIVITY)))
                .extracting(Violation::field)
                .containsExactly("rules[1]");
    }

    @Test
    void theSameTypeWithADifferentConditionInAnotherStageIsNoConflict() {
        List<EntryRule> rules = List.of(
                rule("visitor", TouchpointCondition.ofTypes("page_view")),
                rule("shopper", TouchpointCondition.ofTypes("purchase")),
                rule("buyer", TouchpointCondition.ofTypes("purchase").withCountAtLeast(2)));

        assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), rules, INACTIVITY)))
                .isEmpty();
    }

    @Test
    void inactivityRulesNameStagesOfTheModel() {
        List<InactivityRule> inactivity =
                List.of(new InactivityRule("buyers", Duration.ofDays(30), List.of(), "lapsed"));

        assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), RULES, inactivity)))
                .extracting(Violation::field)
                .containsExactly("inactivityRules[0].in", "inactivityRules[0].enter");
    }

    @Test
    void anInactivityRuleMovesToAnotherStage() {
        List<InactivityRule> inactivity = List.of(new InactivityRule("buyer", Duration.ofDays(30), List.of(), "buyer"));

        assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), RULES, inactivity)))
                .extracting(Violation::field)
                .containsExactly("inactivityRules[0].enter");
    }

    @Test
    void inactiveForIsBetweenOneSecondAnd3650Days() {
        for (Duration inactiveFor : new Duration[] {null, Duration.ZERO, Duration.ofDays(3651)}) {
            List<InactivityRule> inactivity = List.of(new InactivityRule("buyer", inactiveFor, List.of(), "shopper"));

            assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), RULES, inactivity)))
                    .as(String.valueOf(inactiveFor))
                    .extracting(Violation::field)
                    .containsExactly("inactivityRules[0].inactiveFor");
        }
    }

    @Test
    void inactivityTouchpointTypesAreLowerSnakeCase() {
        List<InactivityRule> inactivity =
                List.of(new InactivityRule("buyer", Duration.ofDays(30), List.of("Purchase"), "shopper"));

        assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), RULES, inactivity)))
                .extracting(Violation::field)
                .containsExactly("inactivityRules[0].touchpointTypes[0]");
    }

    @Test
    void inactivityRulesWatchingTheSameStageForTheSameTypesConflict() {
        List<InactivityRule> inactivity = List.of(
                new InactivityRule("buyer", Duration.ofDays(365), List.of("purchase", "page_view"), "shopper"),
                new InactivityRule("buyer", Duration.ofDays(90), List.of("page_view", "purchase"), "visitor"));
        List<Violation> violations = JourneyModelValidator.validate(with(STAGES, List.of(), RULES, inactivity));

        assertThat(violations).extracting(Violation::field).containsExactly("inactivityRules[1]");
        assertThat(violations.get(0).message()).contains("inactivityRules[0]");
    }

    @Test
    void inactivityRulesWithOverlappingTypesSendingCustomersToDifferentStagesConflict() {
        List<InactivityRule> inactivity = List.of(
                new InactivityRule("buyer", Duration.ofDays(365), List.of("purchase"), "shopper"),
                new InactivityRule("buyer", Duration.ofDays(90), List.of("purchase", "page_view"), "visitor"));

        assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), RULES, inactivity)))
                .extracting(Violation::field)
                .containsExactly("inactivityRules[1]");
    }

    @Test
    void aModelHasAtMost50InactivityRules() {
        List<InactivityRule> inactivity = IntStream.range(0, 51)
                .mapToObj(i -> new InactivityRule("buyer", Duration.ofDays(i + 1), List.of("type_" + i), "shopper"))
                .toList();

        assertThat(JourneyModelValidator.validate(with(STAGES, List.of(), RULES, inactivity)))
                .extracting(Violation::field)
                .containsExactly("inactivityRules");
    }

    @Test
    void theDefaultModelCannotStopBeingTheDefault() {
        JourneyCatalog catalog = builtInCatalog();
        JourneyModelDefinition fourStage = BuiltInJourneyModels.all().get(0);
        JourneyModelDefinition notDefault = new JourneyModelDefinition(
                fourStage.id(),
                fourStage.labels(),
                fourStage.stages(),
                fourStage.transitions(),
                fourStage.rules(),
                fourStage.inactivityRules(),
                false,
                fourStage.perAccount());
        List<Violation> violations = JourneyModelValidator.validate(notDefault, catalog);

        assertThat(violations).extracting(Violation::field).containsExactly("isDefault");
        assertThat(violations.get(0).message()).contains("four_stage").contains("make another model the default");
    }

    @Test
    void builtInModelsMayBeRedefined() {
        JourneyCatalog catalog = builtInCatalog();

        for (JourneyModelDefinition model : BuiltInJourneyModels.all()) {
            assertThat(JourneyModelValidator.validate(model, catalog))
                    .as(model.id())
                    .isEmpty();
        }
    }

    @Test
    void aNewModelMayBecomeTheDefault() {
        JourneyModelDefinition model = new JourneyModelDefinition(
                VALID.id(), VALID.labels(), STAGES, List.of(), RULES, INACTIVITY, true, false);

        assertThat(JourneyModelValidator.validate(model, builtInCatalog())).isEmpty();
    }

    private static JourneyCatalog builtInCatalog() {
        JourneyCatalog catalog = new JourneyCatalog();
        long sequence = 0;
        for (JourneyModelDefinition model : BuiltInJourneyModels.all()) {
            catalog.apply(
                    new JourneyModelDefined(JourneyCatalog.ID, model, 1, true, Instant.parse("2025-01-01T00:00:00Z")),
                    sequence++);
        }
        return catalog;
    }

    private static JourneyStageDefinition stage(String id) {
        return new JourneyStageDefinition(id, new LocalizedText(id, id + "（日本語）"), null);
    }

    private static EntryRule rule(String enter, TouchpointCondition when) {
        return new EntryRule(enter, when);
    }

    private static JourneyModelDefinition with(
            List<JourneyStageDefinition> stages,
            List<AllowedTransition> transitions,
            List<EntryRule> rules,
            List<InactivityRule> inactivity) {
        return new JourneyModelDefinition(
                VALID.id(), VALID.labels(), stages, transitions, rules, inactivity, false, false);
    }

    private static JourneyModelDefinition withId(String id) {
        return new JourneyModelDefinition(id, VALID.labels(), STAGES, List.of(), RULES, INACTIVITY, false, false);
    }

    private static JourneyModelDefinition withLabels(LocalizedText labels) {
        return new JourneyModelDefinition(VALID.id(), labels, STAGES, List.of(), RULES, INACTIVITY, false, false);
    }

    /** The valid model with rule {@code index} reacting to {@code when} instead (entering the same stage). */
    private static JourneyModelDefinition withRule(int index, TouchpointCondition when) {
        List<EntryRule> rules = new ArrayList<>(RULES);
        rules.set(index, rule(RULES.get(index).enter(), when));
        return with(STAGES, List.of(), rules, INACTIVITY);
    }
}
