package io.kizuna.api.journey;

/** The latest version of every journey model. Answered with {@link JourneyModels}. */
public record FindJourneyModels() {}
