package io.kizuna.api.journey;

/** One stage of a journey model; {@code id} is lower snake case and unique within the model. */
public record JourneyStageDefinition(String id, LocalizedText labels, String description) {}
