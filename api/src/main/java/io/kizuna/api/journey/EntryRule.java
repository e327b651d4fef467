package io.kizuna.api.journey;

/** "When a touchpoint matching {@code when} happens, the customer enters stage {@code enter}." */
public record EntryRule(String enter, TouchpointCondition when) {}
