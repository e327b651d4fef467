package io.kizuna.api.journey;

/** The latest re-evaluation of a model's customers, if any. Answered with {@link JourneyReevaluation} or null. */
public record FindJourneyReevaluation(String model) {}
