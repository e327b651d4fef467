package io.kizuna.command.intake.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SegmentTimesTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:10Z");

    @Test
    void deviceClockSkewIsCorrectedWithSentAtAndOriginalTimestamp() {
        // The device's clock is 1 hour behind; the call waited 30 s on the device before it was sent.
        SegmentTimes times = new SegmentTimes(
                Instant.parse("2026-11-20T08:59:30Z"), Instant.parse("2026-11-20T09:00:00Z"), null, RECEIVED);
        assertThat(times.occurredAt()).isEqualTo(Instant.parse("2026-11-20T09:59:40Z"));
    }

    @Test
    void withoutBothDeviceTimesTheTimestampIsTaken() {
        Instant timestamp = Instant.parse("2026-11-01T00:00:00Z");
        assertThat(new SegmentTimes(null, Instant.parse("2026-11-20T09:00:00Z"), timestamp, RECEIVED).occurredAt())
                .isEqualTo(timestamp);
        assertThat(new SegmentTimes(Instant.parse("2026-11-20T09:00:00Z"), null, timestamp, RECEIVED).occurredAt())
                .isEqualTo(timestamp);
    }

    @Test
    void correctionWinsOverAGivenTimestamp() {
        SegmentTimes times = new SegmentTimes(
                Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-20T10:00:05Z"),
                Instant.parse("2026-01-01T00:00:00Z"),
                RECEIVED);
        assertThat(times.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:00:05Z"));
    }

    @Test
    void withNoTimesAtAllItHappenedWhenReceived() {
        assertThat(new SegmentTimes(null, null, null, RECEIVED).occurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    void isoDateTimesWithAndWithoutOffsetsAreRead() {
        assertThat(SegmentTimes.parse("2026-11-20T01:00:00.123Z")).isEqualTo(Instant.parse("2026-11-20T01:00:00.123Z"));
        assertThat(SegmentTimes.parse("2026-11-20T10:00:00+09:00")).isEqualTo(Instant.parse("2026-11-20T01:00:00Z"));
        assertThat(SegmentTimes.parse("2026-11-20T01:00:00")).isEqualTo(Instant.parse("2026-11-20T01:00:00Z"));
        assertThat(SegmentTimes.parse(null)).isNull();
        assertThatThrownBy(() -> SegmentTimes.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-8601");
    }
}
