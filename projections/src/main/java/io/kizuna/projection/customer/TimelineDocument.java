package io.kizuna.projection.customer;

import io.kizuna.api.customer.TimelineEntry;
import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.touchpoint.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One touchpoint in the timeline view. Its id is the customer id and the event's sequence number: deterministic,
 * so a replayed event overwrites itself, and free of personal data. {@code sourceId} is the source that sent it, if
 * known.
 */
public record TimelineDocument(
        String customerId,
        long sequence,
        String messageId,
        String type,
        String channel,
        Instant occurredAt,
        Instant recordedAt,
        String campaign,
        Value value,
        Map<String, Object> properties,
        String sourceId) {

    /** A monetary value: the exact amount as text, and a number for ranges and sums. */
    public record Value(String amount, String currency, double numeric) {

        static Value of(Money money) {
            return money == null
                    ? null
                    : new Value(
                            money.amount().toPlainString(),
                            money.currency(),
                            money.amount().doubleValue());
        }

        Money toMoney() {
            return new Money(new BigDecimal(amount), currency);
        }
    }

    public static TimelineDocument of(TouchpointRecorded e, long sequence) {
        return new TimelineDocument(
                e.customerId(),
                sequence,
                e.messageId(),
                e.type(),
                e.channel(),
                e.occurredAt(),
                e.recordedAt(),
                e.campaign(),
                Value.of(e.value()),
                e.properties(),
                e.sourceId());
    }

    public static String idOf(String customerId, long sequence) {
        return customerId + "-" + sequence;
    }

    public String id() {
        return idOf(customerId, sequence);
    }

    public TimelineEntry toEntry() {
        return new TimelineEntry(
                customerId,
                sequence,
                messageId,
                type,
                channel,
                occurredAt,
                recordedAt,
                campaign,
                value == null ? null : value.toMoney(),
                properties == null ? Map.of() : properties,
                sourceId);
    }
}
