package io.kizuna.api.segment.rule;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The business-time span a touchpoint count looks at: a {@link RelativeWindow} ending now ({@code within: 90d}) or
 * an {@link AbsoluteRange} of calendar days ({@code from: 2026-01-01, to: 2026-03-31}). Windows have day granularity
 * in UTC, because the profile view keeps touchpoint counts per UTC day.
 */
public sealed interface Window permits RelativeWindow, AbsoluteRange {

    /** The first UTC day inside the window when evaluated at {@code now}. */
    LocalDate firstDay(Instant now);

    /** The last UTC day inside the window, or null when it runs up to the present (and beyond). */
    LocalDate lastDay(Instant now);
}
