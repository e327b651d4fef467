package io.kizuna.command.journey;

import io.kizuna.api.customer.TouchpointRecorded;
import io.kizuna.api.journey.AccountTouchpointRecorded;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What journey rules may test of a touchpoint, kept by the customer for counting and for re-evaluation: type,
 * channel, campaign, business time, value, and its short scalar properties (text up to
 * {@value #MAX_PROPERTY_LENGTH} characters, numbers and booleans as text, at most {@value #MAX_PROPERTIES} of them).
 * Longer or nested properties cannot be tested by journey rules. {@code arrival} is the touchpoint's position among
 * the customer's touchpoints in the order they were recorded; it breaks ties of business time.
 */
public record TouchpointFact(
        String messageId,
        String type,
        String channel,
        String campaign,
        Instant occurredAt,
        BigDecimal amount,
        String currency,
        Map<String, String> properties,
        int arrival) {

    public static final int MAX_PROPERTY_LENGTH = 100;
    public static final int MAX_PROPERTIES = 32;

    public TouchpointFact {
        properties = properties == null ? Map.of() : properties;
    }

    public static TouchpointFact of(TouchpointRecorded e, int arrival) {
        return new TouchpointFact(
                e.messageId(),
                e.type(),
                e.channel(),
                e.campaign(),
                e.occurredAt(),
                e.value() == null ? null : e.value().amount(),
                e.value() == null ? null : e.value().currency(),
                scalars(e.properties()),
                arrival);
    }

    public static TouchpointFact of(AccountTouchpointRecorded e, int arrival) {
        return new TouchpointFact(
                e.messageId(),
                e.type(),
                e.channel(),
                e.campaign(),
                e.occurredAt(),
                e.value() == null ? null : e.value().amount(),
                e.value() == null ? null : e.value().currency(),
                e.properties(),
                arrival);
    }

    /** The properties journey rules can test: short text, numbers and booleans, as text, in name order. */
    public static Map<String, String> scalars(Map<String, Object> properties) {
        Map<String, String> scalars = new TreeMap<>();
        for (Map.Entry<String, Object> p : new TreeMap<>(properties).entrySet()) {
            if (scalars.size() == MAX_PROPERTIES) {
                break;
            }
            Object v = p.getValue();
            if (v instanceof String s && s.length() <= MAX_PROPERTY_LENGTH) {
                scalars.put(p.getKey(), s);
            } else if (v instanceof Number || v instanceof Boolean) {
                scalars.put(p.getKey(), String.valueOf(v));
            }
        }
        return scalars;
    }

    /** Whether this touchpoint comes before {@code other} in business time (arrival order breaks ties). */
    public boolean notAfter(TouchpointFact other) {
        int c = occurredAt.compareTo(other.occurredAt);
        return c < 0 || (c == 0 && arrival <= other.arrival);
    }
}
