package io.kizuna.api.customer;

/** How many touchpoints had a given key (a type or a channel). */
public record Count(String key, long count) {}
