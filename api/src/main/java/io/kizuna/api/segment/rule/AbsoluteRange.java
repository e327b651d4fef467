package io.kizuna.api.segment.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** The UTC calendar days {@code from} to {@code to}, both included: {@code from: 2026-01-01, to: 2026-03-31}. */
public record AbsoluteRange(LocalDate from, LocalDate to) implements Window {

    public AbsoluteRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public LocalDate firstDay(Instant now) {
        return from;
    }

    @Override
    public LocalDate lastDay(Instant now) {
        return to;
    }
}
