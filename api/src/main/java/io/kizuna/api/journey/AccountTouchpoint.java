package io.kizuna.api.journey;

import io.kizuna.api.touchpoint.Touchpoint;

/** A touchpoint of a customer that acted for an account (a Segment group). */
public record AccountTouchpoint(String customerId, Touchpoint touchpoint) {}
