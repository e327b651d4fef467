package io.kizuna.command.journey;

import io.kizuna.api.journey.AllowedTransition;
import io.kizuna.api.journey.EntryRule;
import io.kizuna.api.journey.InactivityRule;
import io.kizuna.api.journey.JourneyModelDefinition;
import io.kizuna.api.journey.JourneyStageDefinition;
import io.kizuna.api.journey.LocalizedText;
import io.kizuna.api.journey.TouchpointCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The six journey stage models the platform ships (DOMAIN.md, "Journey stage models"), labelled in English and
 * Japanese, with default rules a company can start from and redefine.
 *
 * <p>Rules are tried in stage order and a touchpoint moves the customer into the latest stage it may enter, so a
 * touchpoint type is listed for one stage only, unless a later stage waits for a repeat ({@code countAtLeast}).
 * Most models allow the default moves (enter any stage first, then only forward). Two models restrict them: their
 * after-care stages react to support contacts, which before a purchase or contract are inquiries, so after-care can
 * only be entered once the customer has bought (the same contact then counts as an inquiry instead). Moving back,
 * when a customer lapses, is left to inactivity rules.
 */
public final class BuiltInJourneyModels {

    /** The default model: the first one a new installation evaluates customers against. */
    public static final String DEFAULT_MODEL = "four_stage";

    private static final Duration HALF_YEAR = Duration.ofDays(180);
    private static final Duration YEAR = Duration.ofDays(365);

    private static final List<JourneyModelDefinition> ALL =
            List.of(fourStage(), marketingFourStage(), fiveStage(), b2cSixStage(), b2bSixStage(), lifecycle());

    private BuiltInJourneyModels() {}

    /** The built-in models, in the order DOMAIN.md gives them. */
    public static List<JourneyModelDefinition> all() {
        return ALL;
    }

    private static JourneyModelDefinition fourStage() {
        return new JourneyModelDefinition(
                DEFAULT_MODEL,
                new LocalizedText("Customer journey, four stages", "カスタマージャーニー4ステージ"),
                List.of(
                        stage(
                                "acquisition_awareness",
                                "Acquisition & awareness",
                                "見込み客の獲得と認知",
                                "The customer has noticed the brand through an ad, an email or a visit and became a"
                                        + " prospect."),
                        stage(
                                "engagement",
                                "Engagement across touchpoints",
                                "複数のタッチポイントで顧客に働きかける",
                                "The customer interacts with the brand across several touchpoints: products viewed,"
                                        + " emails clicked, store visits, inquiries."),
                        stage(
                                "conversion",
                                "Conversion",
                                "コンバージョン",
                                "The customer took a desired action: a purchase, a signup or a subscription."),
                        stage(
                                "retention_loyalty",
                                "Retention & loyalty",
                                "ロイヤリティ維持とメンテナンス",
                                "The customer comes back: buys again, joins the loyalty programme, reviews or"
                                        + " recommends.")),
                List.of(),
                List.of(
                        rule(
                                "acquisition_awareness",
                                "ad_click",
                                "ad_impression",
                                "email_open",
                                "web_visit",
                                "page_view",
                                "screen_view"),
                        rule(
                                "engagement",
                                "email_click",
                                "product_viewed",
                                "product_searched",
                                "cart_viewed",
                                "product_added",
                                "checkout_started",
                                "coupon_redeemed",
                                "store_visit",
                                "support_call",
                                "support_ticket",
                                "form_submitted",
                                "demo_requested",
                                "quote_requested",
                                "feature_used"),
                        rule(
                                "conversion",
                                "purchase",
                                "order_completed",
                                "signup",
                                "signed_up",
                                "subscription_started"),
                        new EntryRule(
                                "retention_loyalty",
                                TouchpointCondition.ofTypes("purchase", "order_completed")
                                        .withCountAtLeast(2)),
                        rule("retention_loyalty", "loyalty_joined", "review_submitted", "referral")),
                List.of(inactive("retention_loyalty", YEAR, "engagement", "purchase", "order_completed")),
                true,
                false);
    }

    private static JourneyModelDefinition marketingFourStage() {
        List<JourneyStageDefinition> stages = List.of(
                stage("awareness", "Awareness", "認知段階", "The customer learns that the brand and its products exist."),
                stage(
                        "consideration",
                        "Consideration",
                        "考慮段階",
                        "The customer compares products, reads details and asks questions before deciding."),
                stage("purchase", "Purchase", "購入段階", "The customer buys."),
                stage(
                        "after_care",
                        "After-care",
                        "アフターケア段階",
                        "After buying, the customer is served by support, returns, reviews and the loyalty"
                                + " programme."));
        return new JourneyModelDefinition(
                "marketing_four_stage",
                new LocalizedText("Marketing funnel, four stages", "マーケティングの4段階"),
                stages,
                forwardMovesGatedBy(stages, "purchase"),
                List.of(
                        rule(
                                "awareness",
                                "ad_click",
                                "ad_impression",
                                "email_open",
                                "web_visit",
                                "page_view",
                                "screen_view"),
                        rule(
                                "consideration",
                                "email_click",
                                "product_viewed",
                                "product_searched",
                                "cart_viewed",
                                "product_added",
                                "checkout_started",
                                "coupon_redeemed",
                                "store_visit",
                                "support_call",
                                "support_ticket",
                                "form_submitted",
                                "demo_requested",
                                "quote_requested"),
                        rule("purchase", "purchase", "order_completed", "subscription_started"),
                        rule(
                                "after_care",
                                "support_call",
                                "support_ticket",
                                "return",
                                "refund",
                                "review_submitted",
                                "nps_response",
                                "loyalty_joined",
                                "referral",
                                "onboarding_completed")),
                List.of(inactive("after_care", YEAR, "consideration", "purchase", "order_completed")),
                false,
                false);
    }

    private static JourneyModelDefinition fiveStage() {
        return new JourneyModelDefinition(
                "five_stage",
                new LocalizedText("Customer journey, five stages", "カスタマージャーニー5段階"),
                List.of(
                        stage("awareness", "Awareness", "認知", "The customer learns that the brand exists."),
                        stage(
                                "consideration",
                                "Consideration",
                                "検討",
                                "The customer looks at products closely and weighs buying."),
                        stage("purchase", "Purchase", "購入", "The customer buys or subscribes."),
                        stage(
                                "usage",
                                "Usage",
                                "利用",
                                "The customer uses what they bought: onboarding done, features used."),
                        stage(
                                "engagement",
                                "Engagement / loyalty",
                                "エンゲージ",
                                "The customer is attached to the brand: buys again, joins the loyalty programme,"
                                        + " reviews or recommends.")),
                List.of(),
                List.of(
                        rule(
                                "awareness",
                                "ad_click",
                                "ad_impression",
                                "email_open",
                                "web_visit",
                                "page_view",
                                "screen_view"),
                        rule(
                                "consideration",
                                "email_click",
                                "product_viewed",
                                "product_searched",
                                "cart_viewed",
                                "product_added",
                                "checkout_started",
                                "coupon_redeemed",
                                "store_visit",
                                "support_call",
                                "support_ticket",
                                "form_submitted",
                                "demo_requested",
                                "quote_requested"),
                        rule("purchase", "purchase", "order_completed", "subscription_started"),
                        rule("usage", "onboarding_completed", "feature_used"),
                        new EntryRule(
                                "engagement",
                                TouchpointCondition.ofTypes("purchase", "order_completed")
                                        .withCountAtLeast(2)),
                        rule("engagement", "loyalty_joined", "review_submitted", "referral")),
                List.of(inactive("engagement", HALF_YEAR, "usage")),
                false,
                false);
    }

    private static JourneyModelDefinition b2cSixStage() {
        return new JourneyModelDefinition(
                "b2c_six_stage",
                new LocalizedText("B2C customer journey, six stages", "BtoCカスタマージャーニー6段階"),
                List.of(
                        stage(
                                "awareness",
                                "Awareness",
                                "認知",
                                "The customer has seen the brand: an ad shown or an email opened."),
                        stage(
                                "interest",
                                "Interest",
                                "興味・関心",
                                "The customer comes to look: clicks an ad or an email, visits the site or the app."),
                        stage(
                                "consideration",
                                "Consideration",
                                "検討",
                                "The customer compares products, fills a cart or visits a store before deciding."),
                        stage("purchase", "Purchase", "購入", "The customer buys or subscribes."),
                        stage(
                                "usage_experience",
                                "Usage & experience",
                                "利用・体験",
                                "The customer uses the product and shares the experience in a review or survey."),
                        stage(
                                "repeat_loyalty",
                                "Repeat purchase & loyalty",
                                "リピート購買・忠誠",
                                "The customer buys again, joins the loyalty programme or recommends the brand.")),
                List.of(),
                List.of(
                        rule("awareness", "ad_impression", "email_open"),
                        rule("interest", "ad_click", "email_click", "web_visit", "page_view", "screen_view"),
                        rule(
                                "consideration",
                                "product_viewed",
                                "product_searched",
                                "cart_viewed",
                                "product_added",
                                "checkout_started",
                                "coupon_redeemed",
                                "store_visit",
                                "support_call",
                                "support_ticket",
                                "form_submitted",
                                "quote_requested"),
                        rule("purchase", "purchase", "order_completed", "subscription_started"),
                        rule(
                                "usage_experience",
                                "onboarding_completed",
                                "feature_used",
                                "review_submitted",
                                "nps_response"),
                        new EntryRule(
                                "repeat_loyalty",
                                TouchpointCondition.ofTypes("purchase", "order_completed")
                                        .withCountAtLeast(2)),
                        rule("repeat_loyalty", "loyalty_joined", "referral")),
                List.of(inactive("repeat_loyalty", YEAR, "consideration", "purchase", "order_completed")),
                false,
                false);
    }

    private static JourneyModelDefinition b2bSixStage() {
        List<JourneyStageDefinition> stages = List.of(
                stage(
                        "problem_awareness",
                        "Problem & awareness",
                        "課題と認知",
                        "Someone at the account recognises a problem and comes across the company."),
                stage(
                        "information_gathering",
                        "Information gathering & research",
                        "情報収集と調査",
                        "The account researches solutions: downloads material, reads product pages, asks"
                                + " questions."),
                stage(
                        "proposal_evaluation",
                        "Proposal & evaluation",
                        "提案と評価",
                        "The account asks for a demo or a quote and evaluates the proposal."),
                stage(
                        "contract_negotiation",
                        "Contract & negotiation",
                        "契約と交渉",
                        "The account negotiates and signs the contract."),
                stage(
                        "implementation_rollout",
                        "Implementation & rollout",
                        "実装と展開",
                        "The account puts the product in place and its people start using it."),
                stage(
                        "support_after_care",
                        "Support & after-care",
                        "サポートとアフターケア",
                        "The account is served by support and asked for feedback, reviews and referrals."));
        return new JourneyModelDefinition(
                "b2b_six_stage",
                new LocalizedText("B2B customer journey, six stages", "BtoBカスタマージャーニー6段階"),
                stages,
                forwardMovesGatedBy(stages, "contract_negotiation"),
                List.of(
                        rule(
                                "problem_awareness",
                                "ad_click",
                                "ad_impression",
                                "email_open",
                                "web_visit",
                                "page_view",
                                "screen_view"),
                        rule(
                                "information_gathering",
                                "email_click",
                                "form_submitted",
                                "product_viewed",
                                "product_searched",
                                "support_call",
                                "support_ticket"),
                        rule("proposal_evaluation", "demo_requested", "quote_requested"),
                        rule(
                                "contract_negotiation",
                                "contract_signed",
                                "purchase",
                                "order_completed",
                                "subscription_started"),
                        rule("implementation_rollout", "onboarding_completed", "feature_used"),
                        rule(
                                "support_after_care",
                                "support_call",
                                "support_ticket",
                                "nps_response",
                                "review_submitted",
                                "referral")),
                List.of(inactive("proposal_evaluation", HALF_YEAR, "information_gathering")),
                false,
                true);
    }

    private static JourneyModelDefinition lifecycle() {
        return new JourneyModelDefinition(
                "lifecycle",
                new LocalizedText("Customer lifecycle", "顧客ライフサイクル"),
                List.of(
                        stage("awareness", "Awareness", "認知", "The customer has seen or visited the brand."),
                        stage(
                                "acquisition",
                                "Acquisition",
                                "獲得",
                                "The customer signed up, subscribed or bought for the first time."),
                        stage(
                                "onboarding",
                                "Onboarding",
                                "オンボーディング",
                                "The customer takes the first steps with the product."),
                        stage("engagement", "Engagement", "エンゲージメント", "The customer uses the product regularly."),
                        stage(
                                "retention",
                                "Retention",
                                "維持",
                                "The customer stays: buys again or joins the loyalty programme, or has gone"
                                        + " quiet and needs to be kept."),
                        stage(
                                "advocacy",
                                "Advocacy",
                                "支持",
                                "The customer recommends the brand: refers others or writes reviews.")),
                List.of(),
                List.of(
                        rule(
                                "awareness",
                                "ad_click",
                                "ad_impression",
                                "email_open",
                                "email_click",
                                "web_visit",
                                "page_view",
                                "screen_view",
                                "product_viewed",
                                "product_searched"),
                        rule(
                                "acquisition",
                                "signup",
                                "signed_up",
                                "purchase",
                                "order_completed",
                                "subscription_started",
                                "contract_signed"),
                        rule("onboarding", "feature_used"),
                        rule("engagement", "onboarding_completed"),
                        new EntryRule(
                                "engagement",
                                TouchpointCondition.ofTypes("feature_used").withCountAtLeast(10)),
                        new EntryRule(
                                "retention",
                                TouchpointCondition.ofTypes("purchase", "order_completed")
                                        .withCountAtLeast(2)),
                        rule("retention", "loyalty_joined"),
                        rule("advocacy", "referral", "review_submitted")),
                List.of(
                        inactive("engagement", Duration.ofDays(90), "retention"),
                        inactive("advocacy", HALF_YEAR, "retention", "referral", "review_submitted")),
                false,
                false);
    }

    private static JourneyStageDefinition stage(String id, String en, String ja, String description) {
        return new JourneyStageDefinition(id, new LocalizedText(en, ja), description);
    }

    private static EntryRule rule(String enter, String... types) {
        return new EntryRule(enter, TouchpointCondition.ofTypes(types));
    }

    private static InactivityRule inactive(String in, Duration inactiveFor, String enter, String... types) {
        return new InactivityRule(in, inactiveFor, List.of(types), enter);
    }

    /**
     * The default moves (enter any stage first, then only forward), except that the stages after {@code gate} can
     * only be entered from {@code gate} or a stage after it: a customer has to have bought before after-care begins.
     */
    private static List<AllowedTransition> forwardMovesGatedBy(List<JourneyStageDefinition> stages, String gate) {
        List<String> ids = stages.stream().map(JourneyStageDefinition::id).toList();
        int gateIndex = ids.indexOf(gate);
        List<AllowedTransition> moves = new ArrayList<>();
        for (int to = 0; to < ids.size(); to++) {
            int firstFrom = to > gateIndex ? gateIndex : 0;
            if (to <= gateIndex) {
                moves.add(new AllowedTransition(null, ids.get(to)));
            }
            for (int from = firstFrom; from < to; from++) {
                moves.add(new AllowedTransition(ids.get(from), ids.get(to)));
            }
        }
        return moves;
    }
}
