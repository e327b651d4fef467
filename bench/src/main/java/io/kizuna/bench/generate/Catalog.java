package io.kizuna.bench.generate;

import io.kizuna.bench.generate.Message.Kind;
import java.util.List;

/**
 * What the generated customers do: the Segment calls of a customer journey, each with the touchpoint type the
 * platform's intake makes of it (track event names in lower snake case, {@code page} a {@code web_visit}, {@code
 * screen} an {@code app_screen_view}), its channel and the journey level it belongs to. The names are chosen so that
 * the built-in journey models' rules react to them (four_stage: ad_click, email_open and web_visit for awareness;
 * product_viewed, store_visit, support_call, coupon_redeemed ... for engagement; order_completed, purchase,
 * signed_up for conversion; a second purchase, loyalty_joined, review_submitted for retention).
 */
public final class Catalog {

    /** Journey levels, the stages of the four-stage model. */
    public static final int AWARENESS = 0;

    public static final int ENGAGEMENT = 1;
    public static final int CONVERSION = 2;
    public static final int RETENTION = 3;

    /**
     * One kind of call.
     *
     * @param name the track event name (or the page or screen name)
     * @param type the touchpoint type the platform makes of it
     * @param channel {@code context.channel} sent with it, or null when the call type says it (page: web, screen:
     *     mobile_app)
     * @param offline store or POS data, which often arrives late
     * @param valued carries {@code properties.revenue} and {@code currency}
     * @param campaign carries {@code context.campaign.name}
     */
    public record Event(
            String name,
            Kind kind,
            String type,
            String channel,
            int level,
            int weight,
            boolean offline,
            boolean valued,
            boolean campaign) {}

    public static final List<Event> EVENTS = List.of(
            new Event("Ad Click", Kind.TRACK, "ad_click", "ads", AWARENESS, 20, false, false, true),
            new Event("Email Open", Kind.TRACK, "email_open", "email", AWARENESS, 20, false, false, true),
            new Event("Home", Kind.PAGE, "web_visit", null, AWARENESS, 40, false, false, false),
            new Event("Home", Kind.SCREEN, "app_screen_view", null, AWARENESS, 10, false, false, false),
            new Event("Email Click", Kind.TRACK, "email_click", "email", ENGAGEMENT, 10, false, false, true),
            new Event("Product Viewed", Kind.TRACK, "product_viewed", "web", ENGAGEMENT, 30, false, false, false),
            new Event("Product Searched", Kind.TRACK, "product_searched", "web", ENGAGEMENT, 10, false, false, false),
            new Event("Product Added", Kind.TRACK, "product_added", "web", ENGAGEMENT, 10, false, false, false),
            new Event("Checkout Started", Kind.TRACK, "checkout_started", "web", ENGAGEMENT, 5, false, false, false),
            new Event("Coupon Redeemed", Kind.TRACK, "coupon_redeemed", "store", ENGAGEMENT, 4, true, false, true),
            new Event("Store Visit", Kind.TRACK, "store_visit", "store", ENGAGEMENT, 8, true, false, false),
            new Event("Support Call", Kind.TRACK, "support_call", "call_center", ENGAGEMENT, 3, false, false, false),
            new Event("Signed Up", Kind.TRACK, "signed_up", "web", CONVERSION, 4, false, false, false),
            new Event("Order Completed", Kind.TRACK, "order_completed", "web", CONVERSION, 13, false, true, false),
            new Event("Purchase", Kind.TRACK, "purchase", "store", CONVERSION, 7, true, true, false),
            new Event("Loyalty Joined", Kind.TRACK, "loyalty_joined", "store", RETENTION, 3, true, false, false),
            new Event("Review Submitted", Kind.TRACK, "review_submitted", "web", RETENTION, 3, false, false, false),
            new Event("Return", Kind.TRACK, "return", "store", RETENTION, 2, true, true, false));

    public static final short ORDER_COMPLETED = index("order_completed");
    public static final short POS_PURCHASE = index("purchase");
    public static final short RETURN = index("return");

    public static final List<String> CAMPAIGNS =
            List.of("spring_sale", "summer_sale", "new_arrivals", "black_friday", "year_end", "loyalty_week");

    /** Family and given names for the traits of known customers (searchable as text). */
    public static final List<String> FAMILY_NAMES = List.of(
            "Sato",
            "Suzuki",
            "Takahashi",
            "Tanaka",
            "Watanabe",
            "Ito",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Kato",
            "Yoshida",
            "Yamada",
            "Sasaki",
            "Yamaguchi",
            "Matsumoto",
            "Inoue",
            "Kimura",
            "Hayashi",
            "Shimizu",
            "Smith");

    public static final List<String> GIVEN_NAMES =
            List.of("Hanako", "Taro", "Yui", "Haruto", "Aoi", "Sota", "Mei", "Ren", "Sakura", "Kaito", "Emma", "Liam");

    public static final List<String> PLANS = List.of("free", "basic", "premium");

    private Catalog() {}

    public static Event event(int index) {
        return EVENTS.get(index);
    }

    private static short index(String type) {
        for (int i = 0; i < EVENTS.size(); i++) {
            if (EVENTS.get(i).type().equals(type)) {
                return (short) i;
            }
        }
        throw new IllegalArgumentException(type);
    }
}
