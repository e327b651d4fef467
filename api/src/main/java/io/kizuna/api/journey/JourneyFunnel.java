package io.kizuna.api.journey;

import java.util.List;

/** A journey model's funnel: its stages in order, and the same per first-seen-month cohort. */
public record JourneyFunnel(String model, List<FunnelStage> stages, List<FunnelCohort> cohorts) {}
