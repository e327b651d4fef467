package io.kizuna.command.segment;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds of the built-in segments. They are read when a built-in segment is first defined (a built-in
 * definition never replaces a segment that exists): to change one afterwards, redefine the segment with
 * {@code defineSegment}.
 *
 * @param newCustomerDays {@code kizuna.segments.built-in.new-customer-days} (default 30): {@code new_customers} were
 *     first seen within this many days; {@code existing_customers} earlier
 * @param frequentBuyerPurchases {@code kizuna.segments.built-in.frequent-buyer-purchases} (default 3): purchases a
 *     {@code frequent_buyers} member made ...
 * @param frequentBuyerDays {@code kizuna.segments.built-in.frequent-buyer-days} (default 90): ... within this many
 *     days
 * @param atRiskDays {@code kizuna.segments.built-in.at-risk-days} (default 60): days without any touchpoint after
 *     which a customer who has purchased is {@code at_risk} ...
 * @param churnDays {@code kizuna.segments.built-in.churn-days} (default 180): ... until this many, when it is
 *     {@code churned} instead
 * @param purchaseTypes {@code kizuna.segments.built-in.purchase-types} (default {@code purchase,order_completed}):
 *     the touchpoint types that count as purchases
 * @param journeyModel {@code kizuna.segments.built-in.journey-model} (default {@code four_stage}): one
 *     {@code stage_<stage>} segment is defined per stage of this journey model
 */
@ConfigurationProperties("kizuna.segments.built-in")
public record BuiltInSegmentProperties(
        @DefaultValue("30") int newCustomerDays,
        @DefaultValue("3") int frequentBuyerPurchases,
        @DefaultValue("90") int frequentBuyerDays,
        @DefaultValue("60") int atRiskDays,
        @DefaultValue("180") int churnDays,
        @DefaultValue({"purchase", "order_completed"}) List<String> purchaseTypes,
        @DefaultValue("four_stage") String journeyModel) {

    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final String PREFIX = "kizuna.segments.built-in.";

    public BuiltInSegmentProperties {
        days("new-customer-days", newCustomerDays);
        days("frequent-buyer-days", frequentBuyerDays);
        days("at-risk-days", atRiskDays);
        days("churn-days", churnDays);
        if (frequentBuyerPurchases < 1 || frequentBuyerPurchases > 1_000_000) {
            throw new IllegalArgumentException(
                    PREFIX + "frequent-buyer-purchases must be 1 to 1,000,000: " + frequentBuyerPurchases);
        }
        if (atRiskDays >= churnDays) {
            throw new IllegalArgumentException(
                    PREFIX + "at-risk-days (" + atRiskDays + ") must be fewer than churn-days (" + churnDays + ")");
        }
        purchaseTypes = purchaseTypes == null ? List.of() : List.copyOf(purchaseTypes);
        if (purchaseTypes.isEmpty()
                || !purchaseTypes.stream().allMatch(t -> SNAKE.matcher(t).matches())) {
            throw new IllegalArgumentException(
                    PREFIX + "purchase-types must be one or more lower snake case touchpoint types: " + purchaseTypes);
        }
        if (journeyModel == null || !SNAKE.matcher(journeyModel).matches()) {
            throw new IllegalArgumentException(PREFIX + "journey-model must be a journey model id: " + journeyModel);
        }
    }

    /** The defaults, as documented. */
    public static BuiltInSegmentProperties defaults() {
        return new BuiltInSegmentProperties(30, 3, 90, 60, 180, List.of("purchase", "order_completed"), "four_stage");
    }

    private static void days(String name, int days) {
        if (days < 1 || days > 3_650) {
            throw new IllegalArgumentException(PREFIX + name + " must be 1 to 3,650 days: " + days);
        }
    }
}
