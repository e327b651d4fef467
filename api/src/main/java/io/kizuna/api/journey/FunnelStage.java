package io.kizuna.api.journey;

/**
 * One stage of a funnel. {@code current}: customers in the stage now. {@code entered}: customers who entered the
 * stage in the window (each counted once, however often they entered). {@code conversionRate}: the share of those
 * customers who moved on from it to a later stage — the next or one beyond, since stages may be skipped (null when
 * none entered). Time in stage is over the entries that left the stage. {@code dropOff}: customers who entered and
 * did not move on.
 */
public record FunnelStage(
        String stage,
        long current,
        long entered,
        Double conversionRate,
        Double medianSecondsInStage,
        Double p90SecondsInStage,
        long dropOff) {}
