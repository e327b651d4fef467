package io.kizuna.api.touchpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.validation.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TouchpointTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private static Touchpoint purchase(String type, String channel, Money value) {
        return new Touchpoint("m-1", type, channel, NOW.minus(1, ChronoUnit.DAYS), null, value, Map.of("sku", "A-1"));
    }

    @Test
    void validTouchpointHasNoViolations() {
        assertThat(purchase("purchase", "store", new Money(new BigDecimal("1200"), "JPY"))
                        .validate(NOW))
                .isEmpty();
    }

    @Test
    void typeMustBeLowerSnakeCase() {
        assertThat(purchase("Order Completed", "web", null).validate(NOW))
                .extracting(Violation::field)
                .containsExactly("type");
    }

    @Test
    void unknownCurrencyIsRefusedAtTheValueField() {
        assertThat(purchase("purchase", "web", new Money(BigDecimal.TEN, "XYZ")).validate(NOW))
                .extracting(Violation::field)
                .containsExactly("value.currency");
    }

    @Test
    void lowerCaseCurrencyIsRefused() {
        assertThat(purchase("purchase", "web", new Money(BigDecimal.TEN, "usd")).validate(NOW))
                .extracting(Violation::field)
                .containsExactly("value.currency");
    }

    @Test
    void farFutureOccurredAtIsRefused() {
        Touchpoint t = new Touchpoint("m", "web_visit", "web", NOW.plus(2, ChronoUnit.DAYS), null, null, null);
        assertThat(t.validate(NOW)).extracting(Violation::field).containsExactly("occurredAt");
    }

    @Test
    void missingMessageIdAndOccurredAtAreBothReported() {
        Touchpoint t = new Touchpoint(" ", "web_visit", "web", null, null, null, null);
        assertThat(t.validate(NOW)).extracting(Violation::field).containsExactly("messageId", "occurredAt");
    }

    @Test
    void deeplyNestedPropertiesAreRefused() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cursor = deep;
        for (int i = 0; i < 12; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("k", next);
            cursor = next;
        }
        Touchpoint t = new Touchpoint("m", "web_visit", "web", NOW, null, null, deep);
        assertThat(t.validate(NOW)).extracting(Violation::field).containsExactly("properties");
    }
}
