package io.kizuna.command.intake.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    private final EventTypes none = new EventTypes(Map.of());

    @Test
    void eventNamesBecomeLowerSnakeCase() {
        assertThat(none.typeOf("Order Completed")).isEqualTo("order_completed");
        assertThat(none.typeOf("Product Added to Cart")).isEqualTo("product_added_to_cart");
        assertThat(none.typeOf("order_completed")).isEqualTo("order_completed");
        assertThat(none.typeOf("orderCompleted")).isEqualTo("order_completed");
        assertThat(none.typeOf("  Signed Up! ")).isEqualTo("signed_up");
        assertThat(none.typeOf("checkout-step.viewed")).isEqualTo("checkout_step_viewed");
    }

    @Test
    void aLeadingDigitGetsAPrefixAndLongNamesAreCut() {
        assertThat(none.typeOf("404 Page Seen")).isEqualTo("event_404_page_seen");
        assertThat(none.typeOf("A".repeat(40) + " " + "B".repeat(40)))
                .hasSize(64)
                .matches("[a-z][a-z0-9_]*[a-z0-9]");
    }

    @Test
    void namesWithoutLatinLettersFallBackUnlessConfigured() {
        assertThat(none.typeOf("購入完了")).isEqualTo(EventTypes.FALLBACK);
        assertThat(new EventTypes(Map.of("購入完了", "purchase")).typeOf("購入完了")).isEqualTo("purchase");
    }

    @Test
    void theTableIsLookedUpExactlyAndInSnakeCase() {
        EventTypes table = new EventTypes(Map.of("order-completed", "purchase", "Lead Captured", "lead"));
        assertThat(table.typeOf("Order Completed")).isEqualTo("purchase");
        assertThat(table.typeOf("order_completed")).isEqualTo("purchase");
        assertThat(table.typeOf("Lead Captured")).isEqualTo("lead");
        assertThat(table.typeOf("lead captured")).isEqualTo("lead");
        assertThat(table.typeOf("Order Refunded")).isEqualTo("order_refunded");
    }

    @Test
    void aConfiguredTypeMustBeLowerSnakeCase() {
        assertThatThrownBy(() -> new EventTypes(Map.of("Order Completed", "Purchase")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event-types.Order Completed");
    }
}
