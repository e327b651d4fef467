package io.kizuna.api.touchpoint;

import io.kizuna.api.validation.JsonSize;
import io.kizuna.api.validation.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One interaction of a customer with the company, as an integrator submits it. {@code messageId} is the
 * integrator's idempotency key: a customer never stores the same one twice. {@code occurredAt} is business time;
 * the time the platform learned of it is added when it is recorded.
 */
public record Touchpoint(
        String messageId,
        String type,
        String channel,
        Instant occurredAt,
        String campaign,
        Money value,
        Map<String, Object> properties) {

    public static final int MAX_MESSAGE_ID_LENGTH = 200;
    public static final int MAX_CAMPAIGN_LENGTH = 200;
    public static final int MAX_PROPERTIES_CHARACTERS = 16_384;
    public static final int MAX_PROPERTIES_DEPTH = 8;
    /** Clocks of integrators drift; a touchpoint further in the future than this is refused. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofHours(24);

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    public Touchpoint {
        properties = properties == null ? Map.of() : properties;
    }

    /** Every violation of the touchpoint rules, with field names relative to the touchpoint. */
    public List<Violation> validate(Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (messageId == null || messageId.isBlank()) {
            violations.add(new Violation("messageId", "messageId is required: it is the idempotency key"));
        } else if (messageId.length() > MAX_MESSAGE_ID_LENGTH) {
            violations.add(
                    new Violation("messageId", "messageId is longer than " + MAX_MESSAGE_ID_LENGTH + " characters"));
        }
        checkName("type", type, "purchase, email_open, web_visit", violations);
        checkName("channel", channel, "web, email, store", violations);
        if (occurredAt == null) {
            violations.add(new Violation("occurredAt", "occurredAt is required"));
        } else if (occurredAt.isAfter(now.plus(MAX_FUTURE_SKEW))) {
            violations.add(
                    new Violation("occurredAt", "occurredAt is more than 24 hours in the future: " + occurredAt));
        } else if (occurredAt.isBefore(EARLIEST)) {
            violations.add(new Violation("occurredAt", "occurredAt is before 1900: " + occurredAt));
        }
        if (campaign != null && (campaign.isBlank() || campaign.length() > MAX_CAMPAIGN_LENGTH)) {
            violations.add(new Violation(
                    "campaign", "campaign must be 1 to " + MAX_CAMPAIGN_LENGTH + " characters, or absent"));
        }
        if (value != null) {
            Money.validate(value.amount(), value.currency()).forEach(v -> violations.add(v.prefixed("value")));
        }
        int size = JsonSize.measure(properties, MAX_PROPERTIES_DEPTH);
        if (size < 0) {
            violations.add(new Violation("properties", "properties are nested deeper than " + MAX_PROPERTIES_DEPTH));
        } else if (size > MAX_PROPERTIES_CHARACTERS) {
            violations.add(new Violation(
                    "properties", "properties are larger than " + MAX_PROPERTIES_CHARACTERS + " characters"));
        }
        return violations;
    }

    private static void checkName(String field, String name, String examples, List<Violation> violations) {
        if (name == null || !NAME.matcher(name).matches()) {
            violations.add(new Violation(
                    field,
                    field + " must be lower snake case (a-z, 0-9, _; max 64), e.g. " + examples + "; got '" + name
                            + "'"));
        }
    }
}
