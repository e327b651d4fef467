package io.kizuna.infra;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** UTC days for tests of rules that change at UTC midnight. */
final class UtcDays {

    private UtcDays() {}

    static Instant nextMidnight(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /** Waits out the last two minutes before a UTC midnight, when "today" could change in the middle of a test. */
    static void awayFromMidnight() {
        LocalTime time = LocalTime.now(ZoneOffset.UTC);
        if (time.isAfter(LocalTime.of(23, 58))) {
            try {
                Thread.sleep(
                        Duration.between(time, LocalTime.MAX).plusSeconds(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
