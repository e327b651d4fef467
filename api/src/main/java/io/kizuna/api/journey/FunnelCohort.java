package io.kizuna.api.journey;

import java.util.List;

/** The funnel of the customers first seen in one month ({@code cohort} is {@code yyyy-MM}, UTC). */
public record FunnelCohort(String cohort, long customers, List<FunnelStage> stages) {}
