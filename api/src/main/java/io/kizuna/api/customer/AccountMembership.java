package io.kizuna.api.customer;

import java.time.Instant;
import java.util.Map;

/**
 * The customer belongs to an account (a company or household: Segment's group), with the account's traits as last
 * sent, for B2B journeys where several people of one organisation take part.
 */
public record AccountMembership(String accountId, Map<String, Object> traits, Instant joinedAt) {}
