package io.kizuna.api.journey;

/** An account's stages and stage history in the per-account models. Answered with {@link AccountJourney} or null. */
public record FindAccountJourney(String groupId) {}
