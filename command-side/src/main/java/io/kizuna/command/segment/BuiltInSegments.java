package io.kizuna.command.segment;

import io.kizuna.api.segment.SegmentDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments the platform ships, from the material: new customers, existing customers, frequent buyers, at risk,
 * churned, and one per stage of the default journey model. Purchases are the touchpoint types of
 * {@link BuiltInSegmentProperties#purchaseTypes()}; with the defaults the rules read:
 *
 * <ul>
 *   <li>{@code new_customers}: {@code first_seen(within: 30d)}
 *   <li>{@code existing_customers}: {@code touchpoints(type: (purchase, order_completed)) >= 1 and not
 *       first_seen(within: 30d)} (has purchased, and was first seen before the new-customer window)
 *   <li>{@code frequent_buyers}: {@code touchpoints(type: (purchase, order_completed), within: 90d) >= 3}
 *   <li>{@code at_risk}: {@code touchpoints(type: (purchase, order_completed)) >= 1 and days_since() >= 60 and
 *       days_since() < 180}
 *   <li>{@code churned}: {@code touchpoints(type: (purchase, order_completed)) >= 1 and days_since() >= 180}
 *   <li>{@code stage_<stage>}: {@code stage(four_stage) = <stage>}, for each stage of the model
 * </ul>
 */
public final class BuiltInSegments {

    private BuiltInSegments() {}

    /** The built-in definitions; {@code stages}: the stage ids of the journey model of the properties, in order. */
    public static List<SegmentDefinition> all(BuiltInSegmentProperties p, List<String> stages) {
        String purchases = p.purchaseTypes().size() == 1
                ? p.purchaseTypes().get(0)
                : "(" + String.join(", ", p.purchaseTypes()) + ")";
        String hasPurchased = "touchpoints(type: " + purchases + ") >= 1";
        String isNew = "first_seen(within: " + p.newCustomerDays() + "d)";
        List<SegmentDefinition> all = new ArrayList<>();
        all.add(new SegmentDefinition(
                "new_customers", "New customers", "First seen in the last " + p.newCustomerDays() + " days.", isNew));
        all.add(new SegmentDefinition(
                "existing_customers",
                "Existing customers",
                "Have purchased, and were first seen more than " + p.newCustomerDays() + " days ago.",
                hasPurchased + " and not " + isNew));
        all.add(new SegmentDefinition(
                "frequent_buyers",
                "Frequent buyers",
                "At least " + p.frequentBuyerPurchases() + " purchases in the last " + p.frequentBuyerDays() + " days.",
                "touchpoints(type: " + purchases + ", within: " + p.frequentBuyerDays() + "d) >= "
                        + p.frequentBuyerPurchases()));
        all.add(new SegmentDefinition(
                "at_risk",
                "At risk of churning",
                "Have purchased, and no touchpoint for " + p.atRiskDays() + " days (but less than " + p.churnDays()
                        + ").",
                hasPurchased + " and days_since() >= " + p.atRiskDays() + " and days_since() < " + p.churnDays()));
        all.add(new SegmentDefinition(
                "churned",
                "Churned",
                "Have purchased, and no touchpoint for " + p.churnDays() + " days.",
                hasPurchased + " and days_since() >= " + p.churnDays()));
        for (String stage : stages) {
            all.add(new SegmentDefinition(
                    "stage_" + stage,
                    "Stage: " + stage,
                    "Currently in stage " + stage + " of the " + p.journeyModel() + " journey model.",
                    "stage(" + p.journeyModel() + ") = " + stage));
        }
        return all;
    }
}
