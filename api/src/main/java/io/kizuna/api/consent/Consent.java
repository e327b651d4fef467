package io.kizuna.api.consent;

import java.time.Instant;

/**
 * A customer's answer for one purpose ({@code email_marketing}, {@code analytics}, ...) on one channel, or on every
 * channel when {@code channel} is null: {@code granted} or withdrawn (refused), since {@code at}.
 */
public record Consent(String purpose, String channel, boolean granted, Instant at) {}
