package io.kizuna.api.journey;

/** The latest version of one journey model. Answered with {@link JourneyModel}, or null when there is none. */
public record FindJourneyModel(String id) {}
