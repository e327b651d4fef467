package io.kizuna.api.journey;

/** A label in English and Japanese. */
public record LocalizedText(String en, String ja) {}
