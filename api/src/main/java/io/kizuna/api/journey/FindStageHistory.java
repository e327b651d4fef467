package io.kizuna.api.journey;

/** A customer's stage transitions in order of business time, for one model or (null) all. */
public record FindStageHistory(String customerId, String model) {}
