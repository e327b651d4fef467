package io.kizuna.command.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.journey.EntryRule;
import io.kizuna.api.journey.InactivityRule;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyStageDefinition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltInJourneyModelsTest {

    private static final List<JourneyModelDefinition> MODELS = BuiltInJourneyModels.all();

    @Test
    void sixModelsWithTheirPublishedIdsInDomainOrder() {
        assertThat(MODELS)
                .extracting(JourneyModelDefinition::id)
                .containsExactly(
                        "four_stage",
                        "marketing_four_stage",
                        "five_stage",
                        "b2c_six_stage",
                        "b2b_six_stage",
                        "lifecycle");
    }

    @Test
    void stagesHaveTheirPublishedIdsInOrder() {
        assertThat(stageIds("four_stage"))
                .containsExactly("acquisition_awareness", "engagement", "conversion", "retention_loyalty");
        assertThat(stageIds("marketing_four_stage"))
                .containsExactly("awareness", "consideration", "purchase", "after_care");
        assertThat(stageIds("five_stage"))
                .containsExactly("awareness", "consideration", "purchase", "usage", "engagement");
        assertThat(stageIds("b2c_six_stage"))
                .containsExactly(
                        "awareness", "interest", "consideration", "purchase", "usage_experience", "repeat_loyalty");
        assertThat(stageIds("b2b_six_stage"))
                .containsExactly(
                        "problem_awareness",
                        "information_gathering",
                        "proposal_evaluation",
                        "contract_negotiation",
                        "implementation_rollout",
                        "support_after_care");
        assertThat(stageIds("lifecycle"))
                .containsExactly("awareness", "acquisition", "onboarding", "engagement", "retention", "advocacy");
    }

    @Test
    void fourStageIsTheOnlyDefault() {
        assertThat(MODELS)
                .filteredOn(JourneyModelDefinition::isDefault)
                .extracting(JourneyModelDefinition::id)
                .containsExactly(BuiltInJourneyModels.DEFAULT_MODEL)
                .containsExactly("four_stage");
    }

    @Test
    void onlyTheB2bModelIsEvaluatedPerAccount() {
        assertThat(MODELS)
                .filteredOn(JourneyModelDefinition::perAccount)
                .extracting(JourneyModelDefinition::id)
                .containsExactly("b2b_six_stage");
    }

    @Test
    void everyModelAndStageIsLabelledInEnglishAndJapanese() {
        for (JourneyModelDefinition model : MODELS) {
            assertThat(model.labels().en()).as(model.id()).isNotBlank();
            assertThat(model.labels().ja()).as(model.id()).isNotBlank().matches(".*[\\p{IsHan}\\p{IsKatakana}].*");
            for (JourneyStageDefinition stage : model.stages()) {
                String name = model.id() + "." + stage.id();
                assertThat(stage.labels().en()).as(name).isNotBlank();
                assertThat(stage.labels().ja())
                        .as(name)
                        .isNotBlank()
                        .matches(".*[\\p{IsHan}\\p{IsKatakana}\\p{IsHiragana}].*");
                assertThat(stage.description()).as(name).isNotBlank().endsWith(".");
            }
        }
    }

    @Test
    void stagesCarryTheJapaneseNamesOfTheSourceMaterial() {
        assertThat(jaLabels("four_stage")).contains("見込み客の獲得と認知", "コンバージョン");
        assertThat(jaLabels("marketing_four_stage")).containsExactly("認知段階", "考慮段階", "購入段階", "アフターケア段階");
        assertThat(jaLabels("five_stage")).containsExactly("認知", "検討", "購入", "利用", "エンゲージ");
        assertThat(jaLabels("b2c_six_stage")).containsExactly("認知", "興味・関心", "検討", "購入", "利用・体験", "リピート購買・忠誠");
        assertThat(jaLabels("b2b_six_stage"))
                .containsExactly("課題と認知", "情報収集と調査", "提案と評価", "契約と交渉", "実装と展開", "サポートとアフターケア");
        assertThat(jaLabels("lifecycle")).containsExactly("認知", "獲得", "オンボーディング", "エンゲージメント", "維持", "支持");
    }

    @Test
    void everyStageIsEnteredByARuleUnlessOnlyAnInactivityRuleLeadsThere() {
        for (JourneyModelDefinition model : MODELS) {
            Set<String> entered = new HashSet<>();
            model.rules().forEach(rule -> entered.add(rule.enter()));
            model.inactivityRules().forEach(rule -> entered.add(rule.enter()));
            assertThat(entered).as(model.id()).containsAll(stageIds(model.id()));
        }
    }

    @Test
    void everyModelLetsLapsedCustomersMoveBack() {
        for (JourneyModelDefinition model : MODELS) {
            assertThat(model.inactivityRules()).as(model.id()).isNotEmpty();
        }
    }

    @Test
    void aSecondPurchaseMovesAFourStageCustomerIntoRetention() {
        JourneyModelDefinition model = model("four_stage");

        assertThat(stageAfter(model, null, "page_view", 1)).isEqualTo("acquisition_awareness");
        assertThat(stageAfter(model, "acquisition_awareness", "order_completed", 1))
                .isEqualTo("conversion");
        assertThat(stageAfter(model, "conversion", "order_completed", 2)).isEqualTo("retention_loyalty");
    }

    @Test
    void aSupportCallIsAnInquiryBeforeBuyingAndAfterCareAfterwards() {
        JourneyModelDefinition model = model("marketing_four_stage");

        assertThat(stageAfter(model, null, "support_call", 1)).isEqualTo("consideration");
        assertThat(stageAfter(model, "awareness", "support_call", 1)).isEqualTo("consideration");
        assertThat(stageAfter(model, "purchase", "support_call", 1)).isEqualTo("after_care");
    }

    @Test
    void aB2bAccountStartsRollingOutOnlyAfterTheContract() {
        JourneyModelDefinition model = model("b2b_six_stage");

        assertThat(stageAfter(model, "information_gathering", "feature_used", 1))
                .isEqualTo("information_gathering");
        assertThat(stageAfter(model, "contract_negotiation", "feature_used", 1)).isEqualTo("implementation_rollout");
        assertThat(stageAfter(model, "implementation_rollout", "support_ticket", 1))
                .isEqualTo("support_after_care");
    }

    @Test
    void inactivityMovesAreAllowedEvenBackwards() {
        for (JourneyModelDefinition model : MODELS) {
            for (InactivityRule rule : model.inactivityRules()) {
                assertThat(model.allows(rule.in(), rule.enter()))
                        .as(model.id() + ": " + rule)
                        .isTrue();
            }
        }
    }

    /**
     * The stage the platform moves a customer in {@code from} to on a touchpoint of {@code type} that is the
     * customer's {@code count}-th matching one: among matching rules whose move the model allows, the latest stage.
     * Only types and counts are compared, which is all the built-in rules use.
     */
    private static String stageAfter(JourneyModelDefinition model, String from, String type, int count) {
        String best = null;
        for (EntryRule rule : model.rules()) {
            boolean matches = rule.when().types().contains(type)
                    && (rule.when().countAtLeast() == null
                            || count >= rule.when().countAtLeast());
            if (matches
                    && model.allows(from, rule.enter())
                    && (best == null || model.indexOf(rule.enter()) > model.indexOf(best))) {
                best = rule.enter();
            }
        }
        return best == null ? from : best;
    }

    private static JourneyModelDefinition model(String id) {
        return MODELS.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> stageIds(String modelId) {
        return model(modelId).stages().stream().map(JourneyStageDefinition::id).toList();
    }

    private static List<String> jaLabels(String modelId) {
        return model(modelId).stages().stream().map(s -> s.labels().ja()).toList();
    }
}
