package io.kizuna.api.journey;

/**
 * A move a journey model allows: from stage {@code from} to stage {@code to}. {@code from == null} allows a
 * customer who has no stage yet in the model to enter {@code to} directly.
 */
public record AllowedTransition(String from, String to) {}
