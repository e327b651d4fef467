package io.kizuna.api.customer;

import java.util.Map;

/** Trait changes an integrator sent in a message ({@code messageId}); a {@code null} value removes a trait. */
public record TraitsUpdate(String messageId, Map<String, Object> traits) {}
