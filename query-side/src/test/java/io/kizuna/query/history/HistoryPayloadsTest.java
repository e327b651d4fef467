package io.kizuna.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.touchpoint.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryPayloadsTest {

    @Test
    void payloadsBecomeJsonObjectsWithIsoTimesAndExactAmounts() {
        TouchpointRecorded touchpoint = new TouchpointRecorded(
                "c-1",
                "m-1",
                "purchase",
                "store",
                Instant.parse("2026-11-20T01:00:00Z"),
                Instant.parse("2026-11-20T01:00:05.123Z"),
                null,
                new Money(new BigDecimal("3980.50"), "JPY"),
                Map.of("sku", "TEA-01"),
                "src-1");

        Map<String, Object> json = new HistoryPayloads().forCaller(touchpoint);

        assertThat(json)
                .containsEntry("messageId", "m-1")
                .containsEntry("occurredAt", "2026-11-20T01:00:00Z")
                .containsEntry("recordedAt", "2026-11-20T01:00:05.123Z")
                .containsEntry("properties", Map.of("sku", "TEA-01"))
                .containsEntry("sourceId", "src-1");
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) json.get("value");
        assertThat(value).containsEntry("currency", "JPY");
        assertThat(new BigDecimal(value.get("amount").toString())).isEqualByComparingTo("3980.50");
    }
}
