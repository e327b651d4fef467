package io.kizuna.api.customer;

import io.kizuna.api.consistency.ReadConsistency;

/** A customer look-up's answer: the profile, or {@code null} when there is none, and how consistent the read was. */
public record CustomerResult(CustomerProfile profile, ReadConsistency consistency) {}
