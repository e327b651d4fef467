package io.kizuna.api.journey;

import java.time.Instant;

/**
 * The funnel of a journey model. {@code from}/{@code to} bound the window of stage entries (open when null);
 * {@code channel}/{@code campaign} keep entries caused by a touchpoint of that channel or campaign; {@code segment}
 * keeps customers of that segment.
 */
public record FindJourneyFunnel(
        String model, Instant from, Instant to, String segment, String channel, String campaign) {}
