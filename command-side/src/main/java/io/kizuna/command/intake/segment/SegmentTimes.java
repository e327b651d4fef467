package io.kizuna.command.intake.segment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Segment's times of one message: {@code originalTimestamp} (the device's clock when the call was made),
 * {@code sentAt} (the device's clock when it was sent; on the message or the batch), {@code timestamp} (given by the
 * caller, e.g. for imports) and {@code receivedAt} (our clock). The business time corrects the device's clock skew
 * as Segment does: {@code receivedAt - (sentAt - originalTimestamp)} when both device times are known, else
 * {@code timestamp}, else {@code receivedAt}.
 */
public record SegmentTimes(Instant originalTimestamp, Instant sentAt, Instant timestamp, Instant receivedAt) {

    public Instant occurredAt() {
        if (originalTimestamp != null && sentAt != null) {
            Duration waited = Duration.between(originalTimestamp, sentAt);
            return receivedAt.minus(waited);
        }
        if (timestamp != null) {
            return timestamp;
        }
        return receivedAt;
    }

    /**
     * An ISO-8601 date-time as Segment libraries send it ({@code 2026-11-20T01:00:00.123Z}, an offset such as
     * {@code +09:00}, or none, meaning UTC); {@code null} stays {@code null}.
     *
     * @throws IllegalArgumentException if it is not such a date-time
     */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException(
                        "not an ISO-8601 date-time such as 2026-11-20T01:00:00.000Z: '" + text + "'");
            }
        }
    }
}
