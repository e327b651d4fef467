package io.kizuna.api.journey;

/**
 * One stage of a funnel. {@code current}: customers in the stage now. {@code entered}: entries into the stage in
 * the window. {@code conversionRate}: the share of those entries that moved on to a later stage (null when none
 * entered). Time in stage is over entries that left the stage. {@code dropOff}: entries that did not move on.
 */
public record FunnelStage(
        String stage,
        long current,
        long entered,
        Double conversionRate,
        Double medianSecondsInStage,
        Double p90SecondsInStage,
        long dropOff) {}
